package main

import (
	"fmt"

	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost"
)

// nodeOptions are the `runtime.options` of a Pulumi.yaml (or PulumiPlugin.yaml) with
// `runtime: nodejs`, with the same names and defaults as upstream's host.
type nodeOptions struct {
	typescript     bool                   // run .ts sources through the ts-node @pulumi/pulumi bundles (default true)
	tsconfig       string                 // tsconfig file for ts-node, relative to the program directory
	nodeargs       []string               // extra arguments for node, from a shell-quoted string
	packagemanager npm.PackageManagerType // auto, npm, yarn, pnpm or bun
	production     bool                   // install without devDependencies
}

func parseOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	options := langhost.OptionsOf(info)
	opts := nodeOptions{
		typescript: options.Bool("typescript", true),
		production: options.Bool("production", false),
		tsconfig:   options.String("tsconfig"),
		packagemanager: langhost.OneOf(options, "packagemanager", "one of auto, npm, yarn, pnpm or bun",
			langhost.Choice("", npm.AutoPackageManager), langhost.Choice("auto", npm.AutoPackageManager),
			langhost.Choice("npm", npm.NpmPackageManager), langhost.Choice("yarn", npm.YarnPackageManager),
			langhost.Choice("pnpm", npm.PnpmPackageManager), langhost.Choice("bun", npm.BunPackageManager)),
	}
	nodeargs := options.String("nodeargs")
	if err := options.Err(); err != nil {
		return opts, err
	}
	var err error
	if opts.nodeargs, err = shlex.Split(nodeargs); err != nil {
		return opts, fmt.Errorf("runtime option \"nodeargs\": %w", err)
	}
	return opts, nil
}

// typescriptEnv is the environment through which @pulumi/pulumi's cmd/run learns the TypeScript
// options (it does not take them as arguments).
func (o nodeOptions) typescriptEnv() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}
