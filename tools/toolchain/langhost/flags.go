package langhost

import (
	"slices"
	"strconv"
	"strings"
)

// Flags is what a language host takes from its command line. The engine launches language plugins
// as `pulumi-language-<name> [--logtostderr] [-v=N] [--tracing URL] <engine address>`, and older
// engines or tools have passed further flags, some of them host-specific. Go's flag package exits
// on any flag it does not know, so we parse leniently instead: known flags are read, unknown ones
// are skipped.
type Flags struct {
	EngineAddress string // the last positional argument, if any
	Tracing       string
	LogToStderr   bool
	LogFlow       bool
	Verbose       int
	ShowVersion   bool
	// HostValues holds the host-specific value flags that were given, by name (the last value
	// wins), whether or not the host uses them.
	HostValues map[string]string
}

// commonValueFlags take a value in every host. -root is one that older engines passed to all
// hosts; it is only listed so that its value is not mistaken for the engine address.
var commonValueFlags = map[string]bool{"tracing": true, "v": true, "root": true}

// ParseFlags reads a host's command line. hostValueFlags names the host's own flags that take a
// value, either as -name=value or as -name value: those it reads and those older engines passed
// but it ignores, whose value must not be mistaken for the engine address either.
func ParseFlags(args []string, hostValueFlags ...string) Flags {
	parsed := Flags{HostValues: map[string]string{}}
	isHostFlag := func(name string) bool { return slices.Contains(hostValueFlags, name) }
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
		if !hasValue && (commonValueFlags[name] || isHostFlag(name)) && i+1 < len(args) {
			i++
			value, hasValue = args[i], true
		}
		boolValue := !hasValue || value == "true" || value == "1"
		switch {
		case name == "tracing":
			parsed.Tracing = value
		case name == "v":
			parsed.Verbose, _ = strconv.Atoi(value)
		case name == "logtostderr":
			parsed.LogToStderr = boolValue
		case name == "logflow":
			parsed.LogFlow = boolValue
		case name == "version":
			parsed.ShowVersion = boolValue
		case isHostFlag(name):
			parsed.HostValues[name] = value
		}
	}
	// The engine documents that its address is the last positional argument.
	if len(positional) > 0 {
		parsed.EngineAddress = positional[len(positional)-1]
	}
	return parsed
}
