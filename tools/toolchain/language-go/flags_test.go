package main

import (
	"strings"
	"testing"

	"kubesecret.local/toolchain/langhost"
)

// Command lines as engines and tools have launched upstream's host: the obsolete value flags are
// skipped with their values, so that the engine's address is found.
func TestCommandLine(t *testing.T) {
	for commandLine, engine := range map[string]string{
		"127.0.0.1:1234": "127.0.0.1:1234",
		"-binary prog -buildTarget out --root=/p 127.0.0.1:2": "127.0.0.1:2",
		"-root /p -tracing http://t -binary=prog":             "",
	} {
		flags := langhost.ParseFlags(strings.Fields(commandLine), hostValueFlags...)
		if _, err := newRuntime(flags, langhost.NewHost("dev", "", func() {})); err != nil || flags.EngineAddress != engine {
			t.Errorf("%s: engine %q, %v; want engine %q", commandLine, flags.EngineAddress, err, engine)
		}
	}
}
