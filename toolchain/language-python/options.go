package main

import (
	"fmt"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// parseOptions reads the `runtime.options` of a Pulumi.yaml (or PulumiPlugin.yaml) with
// `runtime: python`, with the same names, values and defaults as upstream's host:
//
//	toolchain:   pip, poetry or uv (default: uv or poetry if their lock file is found, else pip)
//	virtualenv:  the virtual environment directory, relative to the project root (pip and uv)
//	typechecker: mypy or pyright, run before the program
//
// A plugin with pip gets virtualenv "venv" by default, as upstream: plugins never run in the
// ambient Python, programs may (for backwards compatibility).
func parseOptions(info *pulumirpc.ProgramInfo, isPlugin bool) (toolchain.PythonOptions, error) {
	opts := toolchain.PythonOptions{Root: info.GetRootDirectory(), ProgramDir: info.GetProgramDirectory()}
	raw := info.GetOptions().AsMap()

	str := func(key string) (string, error) {
		v, ok := raw[key]
		if !ok {
			return "", nil
		}
		s, isString := v.(string)
		if !isString {
			return "", fmt.Errorf("runtime option %q must be a string, got %v", key, v)
		}
		return s, nil
	}

	var err error
	if opts.Virtualenv, err = str("virtualenv"); err != nil {
		return opts, err
	}

	tc, err := str("toolchain")
	if err != nil {
		return opts, err
	}
	switch tc {
	case "":
		opts.Toolchain = toolchain.Auto
	case "pip":
		opts.Toolchain = toolchain.Pip
	case "poetry":
		opts.Toolchain = toolchain.Poetry
	case "uv":
		opts.Toolchain = toolchain.Uv
	default:
		return opts, fmt.Errorf("runtime option \"toolchain\" must be one of pip, poetry or uv, got %q", tc)
	}

	checker, err := str("typechecker")
	if err != nil {
		return opts, err
	}
	switch checker {
	case "":
		opts.Typechecker = toolchain.TypeCheckerNone
	case "mypy":
		opts.Typechecker = toolchain.TypeCheckerMypy
	case "pyright":
		opts.Typechecker = toolchain.TypeCheckerPyright
	default:
		return opts, fmt.Errorf("runtime option \"typechecker\" must be mypy or pyright, got %q", checker)
	}

	if isPlugin && opts.Virtualenv == "" && (opts.Toolchain == toolchain.Pip || opts.Toolchain == toolchain.Auto) {
		opts.Virtualenv = "venv"
	}
	return opts, nil
}

// resolveToolchain parses the options and picks the toolchain that runs Python for them.
func resolveToolchain(info *pulumirpc.ProgramInfo, isPlugin bool) (toolchain.Toolchain, toolchain.PythonOptions, error) {
	opts, err := parseOptions(info, isPlugin)
	if err != nil {
		return nil, opts, err
	}
	tc, err := toolchain.ResolveToolchain(opts)
	return tc, opts, err
}
