package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

// The variables we set are those the Go SDK reads.
func TestEnvironmentNamesAreTheSDKs(t *testing.T) {
	for ours, sdk := range map[string]string{
		envOrganization: pulumi.EnvOrganization, envProject: pulumi.EnvProject,
		envRootDirectory: pulumi.EnvPulumiRootDirectory, envStack: pulumi.EnvStack, envDryRun: pulumi.EnvDryRun,
		envParallel: pulumi.EnvParallel, envMonitor: pulumi.EnvMonitor, envEngine: pulumi.EnvEngine,
	} {
		if ours != sdk {
			t.Errorf("we set %s, the SDK reads %s", ours, sdk)
		}
	}
	if want := []string{pulumi.EnvConfig + "={}", pulumi.EnvConfigSecretKeys + "=[]"}; !slices.Equal(
		mustEnv(t, &pulumirpc.RunRequest{})[2:], want) {
		t.Errorf("configuration variables differ from the SDK's %q", want)
	}
}

func mustEnv(t *testing.T, req *pulumirpc.RunRequest) []string {
	t.Helper()
	env, err := runEnvironment(req, "")
	if err != nil {
		t.Fatal(err)
	}
	return env
}

func TestRunEnvironment(t *testing.T) {
	req := langhosttest.RunRequest()
	req.Config = map[string]string{"proj:x": "y", "kubernetes:context": "kind"}
	req.ConfigSecretKeys = []string{"proj:x"}
	env, err := runEnvironment(req, "127.0.0.1:20")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"PULUMI_ORGANIZATION=org", "PULUMI_PROJECT=proj", "PULUMI_ROOT_DIRECTORY=/p", "PULUMI_STACK=dev",
		"PULUMI_DRY_RUN=true", "PULUMI_PARALLEL=16", "PULUMI_MONITOR=127.0.0.1:10", "PULUMI_ENGINE=127.0.0.1:20",
		`PULUMI_CONFIG={"kubernetes:context":"kind","proj:x":"y"}`, `PULUMI_CONFIG_SECRET_KEYS=["proj:x"]`,
	}
	if !slices.Equal(env, want) {
		t.Fatalf("runEnvironment =\n%q\nwant\n%q", env, want)
	}
	// Settings the engine does not send are left out; dry run and parallelism always have a value.
	want = []string{"PULUMI_DRY_RUN=false", "PULUMI_PARALLEL=0", "PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}
	if env := mustEnv(t, &pulumirpc.RunRequest{}); !slices.Equal(env, want) {
		t.Fatalf("runEnvironment of an empty request = %q, want %q", env, want)
	}
}

// A program that prints its stack, its arguments and its working directory.
var printingProgram = map[string]string{
	"go.mod": "module prog\n\ngo 1.22\n",
	"main.go": `package main

import (
	"fmt"
	"os"
)

func main() {
	wd, _ := os.Getwd()
	fmt.Println(os.Getenv("PULUMI_STACK"), os.Args[1:], wd)
}
`,
}

// ProgramCommand builds the program into a temporary file, runs it in the engine's working
// directory with the settings and arguments, and removes the binary once the run is over.
func TestProgramCommandBuildsAndRuns(t *testing.T) {
	dir, pwd := t.TempDir(), t.TempDir()
	writeFiles(t, dir, printingProgram)
	req := langhosttest.RunRequest()
	req.Info.ProgramDirectory, req.Pwd = dir, pwd
	processCtx, end := context.WithCancel(context.Background())
	defer end()
	cmd, err := newTestHost().ProgramCommand(context.Background(), processCtx, req)
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.Output()
	if want := "dev [--a1 a2] " + pwd; err != nil || strings.TrimSpace(string(out)) != want {
		t.Fatalf("the program printed %q, %v; want %q", out, err, want)
	}
	if _, err := os.Stat(cmd.Path); err != nil {
		t.Fatalf("the binary is gone before the run is over: %v", err)
	}
	end()
	deadline := time.Now().Add(5 * time.Second)
	for _, err := os.Stat(cmd.Path); err == nil; _, err = os.Stat(cmd.Path) {
		if time.Now().After(deadline) {
			t.Fatalf("%s is still there after the run", cmd.Path)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The runtime options: buildTarget keeps the binary where it says; binary runs a prebuilt one.
func TestProgramCommandOptions(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, printingProgram)
	req := langhosttest.RunRequest()
	req.Info = langhosttest.ProgramInfo(t, map[string]any{"buildTarget": "out/prog"})
	req.Info.ProgramDirectory = dir
	processCtx, end := context.WithCancel(context.Background())
	cmd, err := newTestHost().ProgramCommand(context.Background(), processCtx, req)
	end()
	if target := filepath.Join(dir, "out", "prog"); err != nil || cmd.Path != target {
		t.Fatalf("ProgramCommand = %v, %v; want to run %s", cmd, err, target)
	}
	time.Sleep(50 * time.Millisecond) // what a cleanup would take
	if _, err := os.Stat(cmd.Path); err != nil {
		t.Fatalf("the buildTarget binary was removed: %v", err)
	}

	req.Info = langhosttest.ProgramInfo(t, map[string]any{"binary": cmd.Path})
	req.Info.ProgramDirectory = t.TempDir() // nothing to build there
	prebuilt, err := newTestHost().ProgramCommand(context.Background(), context.Background(), req)
	if err != nil || prebuilt.Path != cmd.Path {
		t.Fatalf("ProgramCommand with binary = %v, %v; want to run %s", prebuilt, err, cmd.Path)
	}
}

func TestProgramCommandFails(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where a failed build's temporary binary would be left
	broken := t.TempDir()
	writeFiles(t, broken, map[string]string{"go.mod": "module prog\n", "main.go": "package main\n\nfunc main() { undefinedThing() }\n"})
	for name, c := range map[string]struct {
		dir     string
		options map[string]any
		want    string
	}{
		"a compile error":     {broken, nil, "undefined: undefinedThing"},
		"no Go files":         {t.TempDir(), nil, "no Go files to build"},
		"a missing binary":    {broken, map[string]any{"binary": "no-such-program-here"}, `"no-such-program-here"`},
		"conflicting options": {broken, map[string]any{"binary": "a", "buildTarget": "b"}, "cannot both be set"},
	} {
		req := langhosttest.RunRequest()
		req.Info = langhosttest.ProgramInfo(t, c.options)
		req.Info.ProgramDirectory = c.dir
		if _, err := newTestHost().ProgramCommand(context.Background(), context.Background(), req); err == nil ||
			!strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: ProgramCommand error %v, want one containing %q", name, err, c.want)
		}
	}
	if leftovers, _ := filepath.Glob(filepath.Join(tmp, "*")); len(leftovers) > 0 {
		t.Errorf("failed builds left %q", leftovers)
	}
}
