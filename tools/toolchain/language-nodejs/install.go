package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// Install installs a program's or plugin's npm dependencies with its package manager (runtime
// option `packagemanager`, else chosen from the lock file, else npm), in the workspace root when
// the directory belongs to an npm/yarn/pnpm workspace.
//
// For a program (`pulumi install`, `pulumi new`) it always installs, as upstream does. A source
// plugin's dependencies are installed only when it has no node_modules yet: the engine asks for
// this every time it prepares a local plugin (e.g. each `pulumi package get-schema ./dir`), and
// re-running the package manager there would be slow and would rewrite a lock file the plugin's
// authors manage themselves.
func (host *languageHost) Install(
	ctx context.Context, req *pulumirpc.InstallDependenciesRequest, stdout, stderr io.Writer,
) error {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}
	dir := req.GetInfo().GetProgramDirectory()
	root, err := npm.FindWorkspaceRoot(dir)
	switch {
	case errors.Is(err, npm.ErrNotInWorkspace):
		root = dir
	case err != nil:
		return fmt.Errorf("failure while looking for a workspace root: %w", err)
	default:
		fmt.Fprintf(stdout, "Detected workspace root at %s\n", root)
	}

	if req.GetIsPlugin() && hasNodeModules(root) {
		fmt.Fprintf(stdout, "Dependencies already installed in %s\n", root)
		return nil
	}
	return langhost.Installing(stdout, func() error {
		if _, err := npm.Install(ctx, opts.packagemanager, root, opts.production, stdout, stderr); err != nil {
			return fmt.Errorf("installing dependencies in %s: %w", root, err)
		}
		return nil
	})
}

func hasNodeModules(dir string) bool {
	fi, err := os.Stat(filepath.Join(dir, "node_modules"))
	return err == nil && fi.IsDir()
}
