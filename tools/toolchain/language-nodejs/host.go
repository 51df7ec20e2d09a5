package main

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// languageHost is the langhost.Runtime for Node.js, on the shared langhost.Host (Handshake,
// GetPluginInfo, Cancel, ...). What neither implements answers codes.Unimplemented (code
// generation, Link, Pack).
type languageHost struct {
	*langhost.Host
}

// newRuntime makes our Runtime for the -runtime flag, which must be "nodejs" if given: as upstream
// without bun.
func newRuntime(flags langhost.Flags, base *langhost.Host) (langhost.Runtime, error) {
	if runtime, given := flags.HostValues["runtime"]; given && runtime != "nodejs" {
		return nil, fmt.Errorf("unsupported runtime: %s (only nodejs is supported)", runtime)
	}
	return &languageHost{Host: base}, nil
}

// About reports node and the package manager, for `pulumi about`.
func (host *languageHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := nodeBinary()
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AboutResponse{Executable: node, Metadata: map[string]string{}}
	if out, err := exec.CommandContext(ctx, node, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	if opts, err := parseOptions(req.GetInfo()); err == nil {
		if pm, err := npm.ResolvePackageManager(opts.packagemanager, req.GetInfo().GetProgramDirectory()); err == nil {
			resp.Metadata["packagemanager"] = pm.Name()
			if v, err := pm.Version(); err == nil {
				resp.Metadata["packagemanagerVersion"] = v.String()
			}
		}
	}
	return resp, nil
}

// ListPackages lists the npm packages the program uses, read from its lock file by its package
// manager.
func (host *languageHost) ListPackages(
	ctx context.Context, info *pulumirpc.ProgramInfo, transitive bool,
) ([]plugin.DependencyInfo, error) {
	opts, err := parseOptions(info)
	if err != nil {
		return nil, err
	}
	dir := info.GetProgramDirectory()
	pm, err := npm.ResolvePackageManager(opts.packagemanager, dir)
	if err != nil {
		return nil, err
	}
	packages, err := pm.ListPackages(ctx, dir, transitive)
	if err != nil {
		return nil, fmt.Errorf("failed to list the program's node dependencies: %w", err)
	}
	return packages, nil
}

// nodeBinary is the node on PATH, which runs programs and plugins.
func nodeBinary() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("could not find node on the $PATH; install Node.js to run Pulumi programs written " +
			"in JavaScript or TypeScript")
	}
	return node, nil
}
