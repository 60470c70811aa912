"""Demo data: realistic athletes and coaches with months of routines, for a first look
(`make demo`) and for the benchmark."""
