package main

import (
	"strconv"
	"strings"
)

// cliArgs is what we take from our command line. The engine launches language plugins as
// `pulumi-language-python [--logtostderr] [-v=N] [--tracing URL] <engine address>`, and older
// engines or tools have passed further flags. Go's flag package exits on any flag it does not know,
// so we parse leniently instead: known flags are read, unknown ones are skipped.
type cliArgs struct {
	engineAddress string // the last positional argument, if any
	tracing       string
	executor      string // -use-executor: a pulumi-language-python-exec script to run instead of ours
	logToStderr   bool
	logFlow       bool
	verbose       int
	showVersion   bool
}

// Flags that take a value, either as -name=value or as -name value. Those we do not use are
// listed so that their value is not mistaken for the engine address.
var valueFlags = map[string]bool{
	"tracing": true, "use-executor": true, "v": true,
	"root": true, "virtualenv": true, "toolchain": true, "typechecker": true,
}

func parseArgs(args []string) cliArgs {
	var parsed cliArgs
	var positional []string
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			positional = append(positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !hasValue && valueFlags[name] && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		boolValue := !hasValue || value == "true" || value == "1"
		switch name {
		case "tracing":
			parsed.tracing = value
		case "use-executor":
			parsed.executor = value
		case "v":
			parsed.verbose, _ = strconv.Atoi(value)
		case "logtostderr":
			parsed.logToStderr = boolValue
		case "logflow":
			parsed.logFlow = boolValue
		case "version":
			parsed.showVersion = boolValue
		}
	}
	// The engine documents that its address is the last positional argument.
	if len(positional) > 0 {
		parsed.engineAddress = positional[len(positional)-1]
	}
	return parsed
}
