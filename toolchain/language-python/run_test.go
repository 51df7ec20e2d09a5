package main

import (
	"errors"
	"os/exec"
	"slices"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

func TestRunArguments(t *testing.T) {
	req := &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:10",
		Organization:   "org",
		Project:        "proj",
		Stack:          "dev",
		Pwd:            "/p/src",
		DryRun:         true,
		Parallel:       16,
		Args:           []string{"--a1", "a2"},
		Info:           &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/src", EntryPoint: "."},
	}
	got := runArguments(req, "127.0.0.1:20", "")
	want := []string{
		"--monitor", "127.0.0.1:10", "--engine", "127.0.0.1:20", "--project", "proj",
		"--root_directory", "/p", "--stack", "dev", "--pwd", "/p/src", "--dry_run", "true",
		"--parallel", "16", "--organization", "org", ".", "--a1", "a2"}
	if !slices.Equal(got, want) {
		t.Fatalf("runArguments =\n%q\nwant\n%q", got, want)
	}

	// No entry point means the program directory; empty values are left out.
	got = runArguments(&pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{}}, "", "http://trace")
	want = []string{"--dry_run", "false", "--parallel", "0", "--tracing", "http://trace", "."}
	if !slices.Equal(got, want) {
		t.Fatalf("runArguments =\n%q\nwant\n%q", got, want)
	}
}

func TestExecArguments(t *testing.T) {
	host := newLanguageHost(langhost.NewHost("dev", "", func() {}), "")
	if got := host.execArguments(); len(got) != 2 || got[0] != "-c" || got[1] != execScript || execScript == "" {
		t.Fatalf("execArguments = %.40q, want -c and the embedded script", got)
	}
	host = newLanguageHost(langhost.NewHost("dev", "", func() {}), "/x/exec")
	if got := host.execArguments(); !slices.Equal(got, []string{"/x/exec"}) {
		t.Fatalf("execArguments = %q, want the executor", got)
	}
}

// The run errors keep upstream's lowercase wording; langhost tests how a run ends.
func TestRunMessages(t *testing.T) {
	if r := langhost.RunResponse(exec.Command("sh", "-c", "exit 3").Run(), runMessages); r.GetError() !=
		"program exited with non-zero exit code: 3" {
		t.Errorf("exit 3: %v", r)
	}
	if r := langhost.RunResponse(exec.Command("sh", "-c", "kill -TERM $$").Run(), runMessages); r.GetError() !=
		"program was terminated by signal: terminated" {
		t.Errorf("signal: %v", r)
	}
	if r := langhost.RunResponse(errors.New("no such file"), runMessages); r.GetError() !=
		"problem executing program (could not run language executor): no such file" {
		t.Errorf("start failure: %v", r)
	}
}
