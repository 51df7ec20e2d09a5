package main

import (
	"errors"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// goOptions are the `runtime.options` of a Pulumi.yaml with `runtime: go`, with upstream's names:
//
//	binary:      run this prebuilt executable (a path, or a name looked up on PATH) instead of
//	             building the program
//	buildTarget: where `go build` writes the program (relative to the program directory); by
//	             default a temporary file, removed after the run
type goOptions struct {
	binary      string
	buildTarget string
}

func parseOptions(info *pulumirpc.ProgramInfo) (goOptions, error) {
	options := langhost.OptionsOf(info)
	opts := goOptions{binary: options.String("binary"), buildTarget: options.String("buildTarget")}
	if err := options.Err(); err != nil {
		return opts, err
	}
	if opts.binary != "" && opts.buildTarget != "" {
		return opts, errors.New("runtime options binary and buildTarget cannot both be set")
	}
	return opts, nil
}
