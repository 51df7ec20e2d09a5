package main

import (
	"strings"
	"testing"

	"kubesecret.local/toolchain/langhost"
)

// Command lines as engines and tools have launched upstream's host: our value flags are skipped
// with their values, so that the engine's address is found, and -use-executor names the script
// that runs programs.
func TestCommandLine(t *testing.T) {
	cases := map[string]struct {
		engine, executor string
	}{
		"127.0.0.1:1234": {"127.0.0.1:1234", ""},
		"-use-executor /x/pulumi-language-python-exec 127.0.0.1:3": {"127.0.0.1:3", "/x/pulumi-language-python-exec"},
		"-virtualenv venv -x --root=/p 127.0.0.1:2":                {"127.0.0.1:2", ""},
		"-toolchain uv -typechecker mypy":                          {"", ""},
	}
	for commandLine, want := range cases {
		flags := langhost.ParseFlags(strings.Fields(commandLine), hostValueFlags...)
		runtime, err := newRuntime(flags, langhost.NewHost("dev", "", func() {}))
		if err != nil || flags.EngineAddress != want.engine || runtime.(*languageHost).executor != want.executor {
			t.Errorf("%s: engine %q, runtime %+v, %v; want %+v", commandLine, flags.EngineAddress, runtime, err, want)
		}
	}
}
