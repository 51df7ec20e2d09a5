package main

import (
	"testing"

	"kubesecret.local/toolchain/langhost"
)

func TestHostValueFlags(t *testing.T) {
	cases := []struct {
		name        string
		args        []string
		wantEngine  string
		wantRuntime string
	}{
		{"engine only", []string{"127.0.0.1:1234"}, "127.0.0.1:1234", "nodejs"},
		{"unknown flags are skipped", []string{"-root", "/proj", "-typescript=true", "--binary", "bin", "-x", "127.0.0.1:2"},
			"127.0.0.1:2", "nodejs"},
		{"ignored value flags", []string{"-tsconfig", "t.json", "-nodeargs", "--inspect", "-packagemanager", "npm"},
			"", "nodejs"},
		{"runtime", []string{"-runtime=bun"}, "", "bun"},
		{"runtime given empty", []string{"-runtime="}, "", ""},
	}
	for _, c := range cases {
		flags := langhost.ParseFlags(c.args, hostValueFlags...)
		if flags.EngineAddress != c.wantEngine || runtimeFlag(flags) != c.wantRuntime {
			t.Errorf("%s: ParseFlags(%q) = engine %q, runtime %q; want %q, %q",
				c.name, c.args, flags.EngineAddress, runtimeFlag(flags), c.wantEngine, c.wantRuntime)
		}
	}
}
