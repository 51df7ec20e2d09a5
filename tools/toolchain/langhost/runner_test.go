package langhost

import (
	"slices"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestRunnerArgs(t *testing.T) {
	args := RunnerArgs{"script"}
	args.Flag("monitor", "127.0.0.1:10")
	args.Flag("tracing", "") // left out
	got := args.Program(langhosttest.RunRequest())
	if want := []string{"script", "--monitor", "127.0.0.1:10", "main", "--a1", "a2"}; !slices.Equal(got, want) {
		t.Errorf("RunnerArgs = %q, want %q", got, want)
	}
	// Without an entry point the runner runs the program directory.
	if got := (RunnerArgs{}).Program(&pulumirpc.RunRequest{}); !slices.Equal(got, []string{"."}) {
		t.Errorf("RunnerArgs = %q, want the program directory", got)
	}
}
