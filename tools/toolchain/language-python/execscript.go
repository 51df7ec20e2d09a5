package main

import _ "embed"

// execScript runs a program inside its Python environment; see exec.py. It is passed with
// `python -c`, so nothing has to be installed next to the host or written to disk.
//
//go:embed exec.py
var execScript string
