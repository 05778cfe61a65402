"""Demo and volume data: a fictitious Licheng district centre for trying the app, and synthetic
cases for benchmarks. Every name is fictitious (陈某某, 车某 …); ID numbers, credit codes and phone
numbers are generated with valid check digits so they pass the same validation as real input."""
