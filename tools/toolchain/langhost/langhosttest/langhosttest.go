// Package langhosttest has what the tests of our language hosts share: requests as the engine
// sends them, and table checks.
package langhosttest

import (
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// RunRequest is a Run request that sets every setting the SDKs' program runners take, each to
// its own value, for a program in /p/src of a project in /p with an entry point and arguments (the
// first looks like a flag).
func RunRequest() *pulumirpc.RunRequest {
	return &pulumirpc.RunRequest{
		MonitorAddress: "127.0.0.1:10", Organization: "org", Project: "proj", Stack: "dev", Pwd: "/p/pwd",
		DryRun: true, Parallel: 16, Args: []string{"--a1", "a2"},
		Info: &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/src", EntryPoint: "main"},
	}
}

// ProgramInfo is the info of a program in /p/src of a project in /p, with these runtime options.
func ProgramInfo(t testing.TB, options map[string]any) *pulumirpc.ProgramInfo {
	t.Helper()
	s, err := structpb.NewStruct(options)
	if err != nil {
		t.Fatal(err)
	}
	return &pulumirpc.ProgramInfo{RootDirectory: "/p", ProgramDirectory: "/p/src", Options: s}
}

// Conversions checks that convert, named name, turns each key of valid into its value and fails
// on each of invalid.
func Conversions(t testing.TB, name string, convert func(string) (string, error), valid map[string]string, invalid []string) {
	t.Helper()
	for in, want := range valid {
		if got, err := convert(in); err != nil || got != want {
			t.Errorf("%s(%q) = %q, %v; want %q", name, in, got, err, want)
		}
	}
	for _, in := range invalid {
		if got, err := convert(in); err == nil {
			t.Errorf("%s(%q) = %q, want an error", name, in, got)
		}
	}
}
