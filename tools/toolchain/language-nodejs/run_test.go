package main

import (
	"slices"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestRunArguments(t *testing.T) {
	got := runArguments(langhosttest.RunRequest(), "/run/index.js", "127.0.0.1:20", "http://trace")
	want := []string{"/run/index.js", "--monitor", "127.0.0.1:10", "--engine", "127.0.0.1:20",
		"--organization", "org", "--project", "proj", "--root-directory", "/p", "--stack", "dev", "--pwd", "/p/src",
		"--dry-run", "--parallel", "16", "--tracing", "http://trace", "main", "--a1", "a2"}
	if !slices.Equal(got, want) {
		t.Fatalf("runArguments =\n%q\nwant\n%q", got, want)
	}
	// cmd/run always gets the parallelism; other empty settings are left out.
	want = []string{"run", "--parallel", "0", "."}
	if got := runArguments(&pulumirpc.RunRequest{}, "run", "", ""); !slices.Equal(got, want) {
		t.Fatalf("runArguments of an empty request = %q, want %q", got, want)
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
