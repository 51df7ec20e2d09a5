package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// typecheck runs the typechecker that the `typechecker` runtime option names (mypy or pyright,
// installed in the program's environment) over the program directory, before the program runs.
// A failed check fails the run with the typechecker's report; a passing one is silent.
func typecheck(ctx context.Context, tc toolchain.Toolchain, opts toolchain.PythonOptions) error {
	var module string
	switch opts.Typechecker {
	case toolchain.TypeCheckerMypy:
		module = "mypy"
	case toolchain.TypeCheckerPyright:
		module = "pyright"
	default:
		return nil
	}
	args := []string{}
	if module == "mypy" {
		// mypy would otherwise check every package installed in a virtualenv inside the project.
		if venv, err := tc.VirtualEnvPath(ctx); err == nil && venv != "" {
			if rel, err := filepath.Rel(opts.ProgramDir, venv); err == nil {
				args = append(args, "--exclude", rel)
			}
		}
	}
	args = append(args, opts.ProgramDir)
	cmd, err := tc.ModuleCommand(ctx, module, args...)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	cmd.Dir = opts.ProgramDir
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("typechecker %s found problems, or could not run in the program's environment (%w):\n%s",
			module, err, out.String())
	}
	return nil
}
