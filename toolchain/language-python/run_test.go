package main

import (
	"errors"
	"os/exec"
	"slices"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
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

func TestRunEnvironment(t *testing.T) {
	env, err := runEnvironment(&pulumirpc.RunRequest{
		Config:           map[string]string{"proj:name": "x", "kubernetes:namespace": "ns"},
		ConfigSecretKeys: []string{"proj:name"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`PULUMI_CONFIG={"kubernetes:namespace":"ns","proj:name":"x"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["proj:name"]`}
	if !slices.Equal(env, want) {
		t.Fatalf("runEnvironment = %q, want %q", env, want)
	}

	env, err = runEnvironment(&pulumirpc.RunRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}; !slices.Equal(env, want) {
		t.Fatalf("runEnvironment = %q, want %q", env, want)
	}
}

func TestExecArguments(t *testing.T) {
	host := newLanguageHost("", "", func() {})
	if got := host.execArguments(); len(got) != 2 || got[0] != "-c" || got[1] != execScript || execScript == "" {
		t.Fatalf("execArguments = %.40q, want -c and the embedded script", got)
	}
	host = newLanguageHost("", "/x/exec", func() {})
	if got := host.execArguments(); !slices.Equal(got, []string{"/x/exec"}) {
		t.Fatalf("execArguments = %q, want the executor", got)
	}
}

func TestRunResponse(t *testing.T) {
	if r := runResponse(nil); r.GetError() != "" || r.GetBail() {
		t.Errorf("success: %v", r)
	}
	run := func(script string) error { return exec.Command("sh", "-c", script).Run() }
	if r := runResponse(run("exit 32")); !r.GetBail() || r.GetError() != "" {
		t.Errorf("exit 32 must bail without a message: %v", r)
	}
	if r := runResponse(run("exit 3")); r.GetError() != "program exited with non-zero exit code: 3" {
		t.Errorf("exit 3: %v", r)
	}
	if r := runResponse(run("kill -TERM $$")); r.GetError() != "program was terminated by signal: terminated" {
		t.Errorf("signal: %v", r)
	}
	if r := runResponse(errors.New("no such file")); r.GetError() == "" || r.GetBail() {
		t.Errorf("start failure: %v", r)
	}
}
