package main

import (
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"kubesecret.local/toolchain/langhost"
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
	options := langhost.OptionsOf(info)
	opts := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Virtualenv: options.String("virtualenv"),
		Toolchain: langhost.OneOf(options, "toolchain", "one of pip, poetry or uv",
			langhost.Choice("", toolchain.Auto), langhost.Choice("pip", toolchain.Pip),
			langhost.Choice("poetry", toolchain.Poetry), langhost.Choice("uv", toolchain.Uv)),
		Typechecker: langhost.OneOf(options, "typechecker", "mypy or pyright",
			langhost.Choice("", toolchain.TypeCheckerNone), langhost.Choice("mypy", toolchain.TypeCheckerMypy),
			langhost.Choice("pyright", toolchain.TypeCheckerPyright)),
	}
	if isPlugin && opts.Virtualenv == "" && (opts.Toolchain == toolchain.Pip || opts.Toolchain == toolchain.Auto) {
		opts.Virtualenv = "venv"
	}
	return opts, options.Err()
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
