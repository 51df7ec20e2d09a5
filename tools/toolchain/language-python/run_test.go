package main

import (
	"slices"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestRunArguments(t *testing.T) {
	got := runArguments(langhosttest.RunRequest(), "127.0.0.1:20", "http://trace")
	want := []string{"--monitor", "127.0.0.1:10", "--engine", "127.0.0.1:20", "--project", "proj",
		"--root_directory", "/p", "--stack", "dev", "--pwd", "/p/pwd", "--dry_run", "true", "--parallel", "16",
		"--tracing", "http://trace", "--organization", "org", "main", "--a1", "a2"}
	if !slices.Equal(got, want) {
		t.Fatalf("runArguments =\n%q\nwant\n%q", got, want)
	}
	// The exec script always gets dry_run and the parallelism; other empty settings are left out.
	want = []string{"--dry_run", "false", "--parallel", "0", "."}
	if got := runArguments(&pulumirpc.RunRequest{}, "", ""); !slices.Equal(got, want) {
		t.Fatalf("runArguments of an empty request = %q, want %q", got, want)
	}
}

func TestExecArguments(t *testing.T) {
	host := &languageHost{}
	if got := host.execArguments(); len(got) != 2 || got[0] != "-c" || got[1] != execScript || execScript == "" {
		t.Fatalf("execArguments = %.40q, want -c and the embedded script", got)
	}
	host = &languageHost{executor: "/x/exec"}
	if got := host.execArguments(); !slices.Equal(got, []string{"/x/exec"}) {
		t.Fatalf("execArguments = %q, want the executor", got)
	}
}
