package main

import (
	"testing"

	"kubesecret.local/toolchain/langhost"
)

func TestHostValueFlags(t *testing.T) {
	cases := []struct {
		name         string
		args         []string
		wantEngine   string
		wantExecutor string
	}{
		{"engine only", []string{"127.0.0.1:1234"}, "127.0.0.1:1234", ""},
		{"executor", []string{"-use-executor", "/x/pulumi-language-python-exec", "127.0.0.1:3"},
			"127.0.0.1:3", "/x/pulumi-language-python-exec"},
		{"unknown flags are skipped", []string{"-virtualenv", "venv", "-x", "--root=/p", "127.0.0.1:2"},
			"127.0.0.1:2", ""},
		{"ignored value flags", []string{"-toolchain", "uv", "-typechecker", "mypy"}, "", ""},
	}
	for _, c := range cases {
		flags := langhost.ParseFlags(c.args, hostValueFlags...)
		if flags.EngineAddress != c.wantEngine || flags.HostValues["use-executor"] != c.wantExecutor {
			t.Errorf("%s: ParseFlags(%q) = engine %q, executor %q; want %q, %q",
				c.name, c.args, flags.EngineAddress, flags.HostValues["use-executor"], c.wantEngine, c.wantExecutor)
		}
	}
}
