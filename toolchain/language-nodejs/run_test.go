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
		DryRun:         true,
		Parallel:       16,
		Args:           []string{"a1"},
		Info: &pulumirpc.ProgramInfo{
			RootDirectory: "/p", ProgramDirectory: "/p/src", EntryPoint: "index.ts",
		},
	}
	got := runArguments(req, "/run/index.js", "127.0.0.1:20", "")
	want := []string{"/run/index.js",
		"--monitor", "127.0.0.1:10", "--engine", "127.0.0.1:20", "--organization", "org",
		"--project", "proj", "--root-directory", "/p", "--stack", "dev", "--pwd", "/p/src",
		"--dry-run", "--parallel", "16", "index.ts", "a1"}
	if !slices.Equal(got, want) {
		t.Fatalf("runArguments =\n%q\nwant\n%q", got, want)
	}

	// No entry point means the program directory; empty values are left out.
	got = runArguments(&pulumirpc.RunRequest{Info: &pulumirpc.ProgramInfo{}}, "run", "", "http://trace")
	want = []string{"run", "--parallel", "0", "--tracing", "http://trace", "."}
	if !slices.Equal(got, want) {
		t.Fatalf("runArguments =\n%q\nwant\n%q", got, want)
	}
}

func TestRunEnvironment(t *testing.T) {
	env, err := runEnvironment(&pulumirpc.RunRequest{
		Config:           map[string]string{"proj:x": "y", "kubernetes:config:context": "kind"},
		ConfigSecretKeys: []string{"proj:x"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`PULUMI_CONFIG={"kubernetes:config:context":"kind","proj:config:x":"y"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["proj:x"]`,
	}
	if !slices.Equal(env, want) {
		t.Fatalf("runEnvironment = %q, want %q", env, want)
	}

	env, err = runEnvironment(&pulumirpc.RunRequest{})
	if err != nil || !slices.Equal(env, []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}) {
		t.Fatalf("runEnvironment(empty) = %q, %v", env, err)
	}

	if _, err := runEnvironment(&pulumirpc.RunRequest{Config: map[string]string{"nonamespace": "v"}}); err == nil {
		t.Fatal("expected an error for a key without a namespace")
	}
}

// The run errors keep upstream's capitalised wording; langhost tests how a run ends.
func TestRunMessages(t *testing.T) {
	if r := langhost.RunResponse(exec.Command("sh", "-c", "exit 3").Run(), runMessages); r.GetError() !=
		"Program exited with non-zero exit code: 3" {
		t.Errorf("exit 3: %v", r)
	}
	if r := langhost.RunResponse(errors.New("boom"), runMessages); r.GetError() !=
		"Problem executing program (could not run language executor): boom" {
		t.Errorf("start failure: %v", r)
	}
}
