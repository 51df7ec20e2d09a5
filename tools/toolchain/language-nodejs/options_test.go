package main

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestParseOptions(t *testing.T) {
	opts, err := parseOptions(&pulumirpc.ProgramInfo{})
	if err != nil || !opts.typescript || opts.packagemanager != npm.AutoPackageManager {
		t.Fatalf("defaults: %+v, %v", opts, err)
	}
	if env := opts.typescriptEnv(); !slices.Equal(env, []string{"PULUMI_NODEJS_TYPESCRIPT=true"}) {
		t.Fatalf("typescriptEnv = %q", env)
	}

	opts, err = parseOptions(langhosttest.ProgramInfo(t, map[string]any{
		"typescript": false, "tsconfig": "tsconfig.pulumi.json", "nodeargs": `--inspect "--title=a b"`,
		"packagemanager": "pnpm", "production": true,
	}))
	if err != nil {
		t.Fatal(err)
	}
	if opts.typescript || !opts.production || opts.packagemanager != npm.PnpmPackageManager ||
		!slices.Equal(opts.nodeargs, []string{"--inspect", "--title=a b"}) {
		t.Fatalf("parsed: %+v", opts)
	}
	if env := opts.typescriptEnv(); !slices.Equal(env, []string{"PULUMI_NODEJS_TSCONFIG_PATH=tsconfig.pulumi.json"}) {
		t.Fatalf("typescriptEnv = %q", env)
	}

	for _, bad := range []map[string]any{
		{"typescript": "yes"}, {"nodeargs": 3.0}, {"packagemanager": "cargo"}, {"nodeargs": `"unterminated`},
	} {
		if _, err := parseOptions(langhosttest.ProgramInfo(t, bad)); err == nil {
			t.Errorf("parseOptions(%v) should fail", bad)
		}
	}
}
