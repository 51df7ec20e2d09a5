package main

// hostValueFlags are our value flags beyond those every host has (see langhost.ParseFlags). We
// read -runtime (see newRuntime); older engines and tools have passed the others (-binary,
// -tsconfig, ...), which we ignore.
var hostValueFlags = []string{"runtime", "binary", "tsconfig", "nodeargs", "packagemanager"}
