#!/bin/sh
# demo.sh BUILD -- the main job on bundled sample data (placeholder until
# screening lands: converts the bundled sample to canonical SMILES).
BUILD=${1:-build}
"$BUILD/cordon" convert --to can data/samples/catalogue.smi
