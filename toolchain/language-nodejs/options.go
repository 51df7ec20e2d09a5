package main

import (
	"fmt"

	"github.com/google/shlex"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
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
	opts := nodeOptions{typescript: true, packagemanager: npm.AutoPackageManager}
	raw := info.GetOptions().AsMap()

	var err error
	getBool := func(key string, dst *bool) {
		if v, ok := raw[key]; ok && err == nil {
			b, isBool := v.(bool)
			if !isBool {
				err = fmt.Errorf("runtime option %q must be a boolean, got %v", key, v)
			}
			*dst = b
		}
	}
	getString := func(key string, dst *string) {
		if v, ok := raw[key]; ok && err == nil {
			s, isString := v.(string)
			if !isString {
				err = fmt.Errorf("runtime option %q must be a string, got %v", key, v)
			}
			*dst = s
		}
	}

	var nodeargs, packagemanager string
	getBool("typescript", &opts.typescript)
	getBool("production", &opts.production)
	getString("tsconfig", &opts.tsconfig)
	getString("nodeargs", &nodeargs)
	getString("packagemanager", &packagemanager)
	if err != nil {
		return opts, err
	}

	if opts.nodeargs, err = shlex.Split(nodeargs); err != nil {
		return opts, fmt.Errorf("runtime option \"nodeargs\": %w", err)
	}
	switch pm := npm.PackageManagerType(packagemanager); pm {
	case "":
	case npm.AutoPackageManager, npm.NpmPackageManager, npm.YarnPackageManager,
		npm.PnpmPackageManager, npm.BunPackageManager:
		opts.packagemanager = pm
	default:
		return opts, fmt.Errorf("runtime option \"packagemanager\" must be one of auto, npm, yarn, pnpm or bun, got %q", pm)
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
