package main

import (
	"testing"

	"kubesecret.local/toolchain/langhost"
)

// Command lines as engines and tools have launched upstream's host: our value flags are skipped
// with their values, so that the engine's address is found, and -runtime must be nodejs.
func TestCommandLine(t *testing.T) {
	for _, c := range []struct {
		args      []string
		engine    string
		supported bool
	}{
		{[]string{"127.0.0.1:1234"}, "127.0.0.1:1234", true},
		{[]string{"-root", "/proj", "-typescript=true", "--binary", "bin", "-x", "127.0.0.1:2"}, "127.0.0.1:2", true},
		{[]string{"-tsconfig", "t.json", "-nodeargs", "--inspect", "-packagemanager", "npm"}, "", true},
		{[]string{"-runtime", "nodejs", "127.0.0.1:3"}, "127.0.0.1:3", true},
		{[]string{"-runtime=bun", "127.0.0.1:4"}, "127.0.0.1:4", false},
		{[]string{"-runtime="}, "", false},
	} {
		flags := langhost.ParseFlags(c.args, hostValueFlags...)
		runtime, err := newRuntime(flags, langhost.NewHost("dev", "", func() {}))
		if flags.EngineAddress != c.engine || (runtime != nil) != c.supported || (err == nil) != c.supported {
			t.Errorf("%q: engine %q, runtime %v, %v; want engine %q, supported %v",
				c.args, flags.EngineAddress, runtime, err, c.engine, c.supported)
		}
	}
}
