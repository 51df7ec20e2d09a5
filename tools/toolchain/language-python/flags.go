package main

// hostValueFlags are our value flags beyond those every host has (see langhost.ParseFlags). We
// read -use-executor, a pulumi-language-python-exec script to run instead of ours; older engines
// and tools have passed the others, which we ignore.
var hostValueFlags = []string{"use-executor", "virtualenv", "toolchain", "typechecker"}
