package main

import "testing"

func TestParseArgs(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want cliArgs
	}{
		{"engine only", []string{"127.0.0.1:1234"},
			cliArgs{engineAddress: "127.0.0.1:1234", runtime: "nodejs"}},
		{"engine logging flags", []string{"--logtostderr", "-v=9", "--tracing", "http://zipkin", "127.0.0.1:1"},
			cliArgs{engineAddress: "127.0.0.1:1", runtime: "nodejs", logToStderr: true, verbose: 9,
				tracing: "http://zipkin"}},
		{"unknown flags are skipped", []string{"-root", "/proj", "-typescript=true", "--binary", "bin", "-x", "127.0.0.1:2"},
			cliArgs{engineAddress: "127.0.0.1:2", runtime: "nodejs"}},
		{"no engine", []string{"-version"}, cliArgs{runtime: "nodejs", showVersion: true}},
		{"runtime", []string{"-runtime=bun"}, cliArgs{runtime: "bun"}},
	}
	for _, c := range cases {
		if got := parseArgs(c.args); got != c.want {
			t.Errorf("%s: parseArgs(%q) = %+v, want %+v", c.name, c.args, got, c.want)
		}
	}
}
