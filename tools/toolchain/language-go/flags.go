package main

// hostValueFlags are our value flags beyond those every host has (see langhost.ParseFlags). Older
// engines and tools have passed -binary and -buildTarget on the command line; like upstream, we
// ignore them (the runtime options of Pulumi.yaml set both, see parseOptions).
var hostValueFlags = []string{"binary", "buildTarget"}
