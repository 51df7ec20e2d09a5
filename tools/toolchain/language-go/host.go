package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// languageHost is the langhost.Runtime for Go, on the shared langhost.Host (Handshake,
// GetPluginInfo, Cancel, ...). What neither implements answers codes.Unimplemented (RunPlugin,
// GenerateProgram, GenerateProject, Pack).
type languageHost struct {
	*langhost.Host
}

// newRuntime makes our Runtime; no flag changes what it does.
func newRuntime(_ langhost.Flags, base *langhost.Host) (langhost.Runtime, error) {
	return &languageHost{Host: base}, nil
}

// goBinary is the go command that builds and inspects programs: the one on PATH, as upstream.
func goBinary() (string, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("unable to find the 'go' executable (Go programs need Go installed): %w", err)
	}
	return gobin, nil
}

// About reports the go command and its version, for `pulumi about`.
func (host *languageHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := goBinary()
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, gobin, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("failed to run '%s version': %w", gobin, err)
	}
	return &pulumirpc.AboutResponse{Executable: gobin, Version: strings.TrimSpace(string(out))}, nil
}

// Install installs a program's dependencies: `go mod tidy` in the program directory, which adds
// the modules its imports need to go.mod and go.sum (a linked SDK through its replace) and
// downloads them into the module cache.
func (host *languageHost) Install(
	ctx context.Context, req *pulumirpc.InstallDependenciesRequest, stdout, stderr io.Writer,
) error {
	gobin, err := goBinary()
	if err != nil {
		return err
	}
	return langhost.Installing(stdout, func() error {
		cmd := exec.CommandContext(ctx, gobin, "mod", "tidy")
		cmd.Dir = req.GetInfo().GetProgramDirectory()
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("`go mod tidy` failed to install dependencies: %w", err)
		}
		return nil
	})
}
