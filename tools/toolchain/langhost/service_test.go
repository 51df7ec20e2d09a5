package langhost

import (
	"context"
	"errors"
	"io"
	"os/exec"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// testRuntime is a Runtime whose program is a shell script and whose install writes a line.
type testRuntime struct {
	*Host
	script     string // the program, for sh -c
	commandErr error  // what ProgramCommand fails with, if not nil
	installErr error
	packages   []plugin.DependencyInfo
	transitive bool // what ListPackages was asked for
}

func (r *testRuntime) ProgramCommand(_, processCtx context.Context, _ *pulumirpc.RunRequest) (*exec.Cmd, error) {
	if r.commandErr != nil {
		return nil, r.commandErr
	}
	return exec.CommandContext(processCtx, "sh", "-c", r.script), nil
}

func (r *testRuntime) Install(
	_ context.Context, _ *pulumirpc.InstallDependenciesRequest, stdout, stderr io.Writer,
) error {
	return Installing(stdout, func() error {
		_, _ = io.WriteString(stdout, "added 1 package\n")
		_, _ = io.WriteString(stderr, "a warning\n")
		return r.installErr
	})
}

func (r *testRuntime) ListPackages(
	_ context.Context, _ *pulumirpc.ProgramInfo, transitive bool,
) ([]plugin.DependencyInfo, error) {
	r.transitive = transitive
	return r.packages, nil
}

func (r *testRuntime) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{Packages: []*pulumirpc.PackageDependency{{
		Name: "kubernetes", Kind: "resource", Version: "v4.25.0", Server: "https://example.test",
		Parameterization: &pulumirpc.PackageParameterization{Name: "p", Version: "1.0.0"},
	}}}, nil
}

func newTestService(runtime *testRuntime) *service {
	runtime.Host = NewHost("dev", "", func() {})
	return &service{Runtime: runtime, host: runtime.Host, language: Language{Name: "Test"}}
}

func TestRun(t *testing.T) {
	cases := []struct {
		name    string
		runtime testRuntime
		req     *pulumirpc.RunRequest
		want    *pulumirpc.RunResponse
	}{
		{"success", testRuntime{script: "exit 0"}, &pulumirpc.RunRequest{}, &pulumirpc.RunResponse{}},
		{"exit code", testRuntime{script: "exit 3"}, &pulumirpc.RunRequest{},
			&pulumirpc.RunResponse{Error: "program exited with non-zero exit code: 3"}},
		{"reported by the SDK", testRuntime{script: "exit 32"}, &pulumirpc.RunRequest{}, &pulumirpc.RunResponse{Bail: true}},
		{"no command", testRuntime{commandErr: errors.New("no node on PATH")}, &pulumirpc.RunRequest{},
			&pulumirpc.RunResponse{Error: "no node on PATH"}},
		{"debugger", testRuntime{script: "exit 0"}, &pulumirpc.RunRequest{AttachDebugger: true},
			&pulumirpc.RunResponse{Error: "this Test language host does not support attaching a debugger"}},
	}
	for _, c := range cases {
		got, err := newTestService(&c.runtime).Run(context.Background(), c.req)
		if err != nil || got.GetError() != c.want.GetError() || got.GetBail() != c.want.GetBail() {
			t.Errorf("%s: Run = %v, %v; want %v", c.name, got, err, c.want)
		}
	}
}

// Cancel interrupts a program in flight with SIGINT (so that the SDK can report what it was doing).
func TestRunIsInterruptedByCancel(t *testing.T) {
	s := newTestService(&testRuntime{script: "exec sleep 30"})
	done := make(chan *pulumirpc.RunResponse)
	go func() {
		resp, _ := s.Run(context.Background(), &pulumirpc.RunRequest{})
		done <- resp
	}()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case resp := <-done:
			if want := "program was terminated by signal: interrupt"; resp.GetError() != want {
				t.Fatalf("Run = %v, want %q", resp, want)
			}
			return
		case <-time.After(50 * time.Millisecond): // until the program has started
			if _, err := s.host.Cancel(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
		case <-deadline:
			t.Fatal("Cancel did not interrupt the program")
		}
	}
}

// installServer records what InstallDependencies streams to the engine.
type installServer struct {
	grpc.ServerStream
	stdout, stderr string
}

func (s *installServer) Send(resp *pulumirpc.InstallDependenciesResponse) error {
	s.stdout += string(resp.GetStdout())
	s.stderr += string(resp.GetStderr())
	return nil
}

func (s *installServer) Context() context.Context { return context.Background() }

func TestInstallDependencies(t *testing.T) {
	server := &installServer{}
	req := &pulumirpc.InstallDependenciesRequest{}
	if err := newTestService(&testRuntime{}).InstallDependencies(req, server); err != nil {
		t.Fatal(err)
	}
	want := "Installing dependencies...\n\nadded 1 package\nFinished installing dependencies\n\n"
	if server.stdout != want {
		t.Errorf("stdout = %q, want %q", server.stdout, want)
	}
	if server.stderr != "a warning\n" {
		t.Errorf("stderr = %q", server.stderr)
	}

	failing := errors.New("npm ERR")
	server = &installServer{}
	if err := newTestService(&testRuntime{installErr: failing}).InstallDependencies(req, server); !errors.Is(err, failing) {
		t.Errorf("InstallDependencies = %v, want the install's error", err)
	}
	if want := "Installing dependencies...\n\nadded 1 package\n"; server.stdout != want {
		t.Errorf("stdout of a failed install = %q, want %q", server.stdout, want)
	}
}

func TestGetProgramDependencies(t *testing.T) {
	runtime := &testRuntime{packages: []plugin.DependencyInfo{{Name: "@pulumi/pulumi", Version: "3.276.0"}}}
	resp, err := newTestService(runtime).GetProgramDependencies(context.Background(),
		&pulumirpc.GetProgramDependenciesRequest{TransitiveDependencies: true})
	if err != nil || !runtime.transitive {
		t.Fatalf("GetProgramDependencies: %v, transitive %v", err, runtime.transitive)
	}
	got := resp.GetDependencies()
	if len(got) != 1 || got[0].GetName() != "@pulumi/pulumi" || got[0].GetVersion() != "3.276.0" {
		t.Errorf("dependencies = %v", got)
	}
}

func TestGetRequiredPlugins(t *testing.T) {
	s := newTestService(&testRuntime{})
	resp, err := s.GetRequiredPlugins(context.Background(), &pulumirpc.GetRequiredPluginsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	// The plugin is the package without its parameterization.
	got := resp.GetPlugins()
	if len(got) != 1 || got[0].GetName() != "kubernetes" || got[0].GetKind() != "resource" ||
		got[0].GetVersion() != "v4.25.0" || got[0].GetServer() != "https://example.test" {
		t.Errorf("plugins = %v", got)
	}
}
