package main

import "testing"

func TestParseArgs(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want cliArgs
	}{
		{"engine only", []string{"127.0.0.1:1234"}, cliArgs{engineAddress: "127.0.0.1:1234"}},
		{"engine logging flags", []string{"--logtostderr", "-v=9", "--tracing", "http://zipkin", "127.0.0.1:1"},
			cliArgs{engineAddress: "127.0.0.1:1", logToStderr: true, verbose: 9, tracing: "http://zipkin"}},
		{"executor", []string{"-use-executor", "/x/pulumi-language-python-exec", "127.0.0.1:3"},
			cliArgs{engineAddress: "127.0.0.1:3", executor: "/x/pulumi-language-python-exec"}},
		{"unknown flags are skipped", []string{"-virtualenv", "venv", "-x", "--root=/p", "127.0.0.1:2"},
			cliArgs{engineAddress: "127.0.0.1:2"}},
		{"no engine", []string{"-version"}, cliArgs{showVersion: true}},
	}
	for _, c := range cases {
		if got := parseArgs(c.args); got != c.want {
			t.Errorf("%s: parseArgs(%q) = %+v, want %+v", c.name, c.args, got, c.want)
		}
	}
}
