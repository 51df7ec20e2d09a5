package main

import (
	"context"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/proto"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestPluginVersion(t *testing.T) {
	langhosttest.Conversions(t, "pluginVersion", pluginVersion, map[string]string{
		"v4.25.0":                                   "v4.25.0",
		"v1.29.1-0.20200403140640-efb5e2a48a86":     "v1.29.0", // a commit after v1.29.0
		"v1.2.3-rc.1.0.20200403140640-efb5e2a48a86": "v1.2.3-rc.1",
		"v2.0.0+incompatible":                       "v2.0.0+incompatible",
	}, []string{"v0.0.0-20200403140640-efb5e2a48a86", "latest", "4.25.0", ""})
}

func TestPackageDependency(t *testing.T) {
	k8s := goModule{Path: "github.com/pulumi/pulumi-kubernetes/sdk/v4", Version: "v4.25.0"}
	for _, c := range []struct {
		name string
		mod  goModule
		json *plugin.PulumiPluginJSON
		want *pulumirpc.PackageDependency
	}{
		{"pulumi-plugin.json", goModule{Path: "example.com/pulumi-kubesecret/sdk/go"},
			&plugin.PulumiPluginJSON{Resource: true, Name: "kubesecret", Version: "0.1.0", Server: "https://s"},
			&pulumirpc.PackageDependency{Kind: "resource", Name: "kubesecret", Version: "v0.1.0", Server: "https://s"}},
		{"parameterized", goModule{Path: "example.com/x"},
			&plugin.PulumiPluginJSON{Resource: true, Name: "terraform-provider", Version: "0.8.0",
				Parameterization: &plugin.PulumiParameterizationJSON{Name: "x", Version: "1.0.0", Value: []byte("v")}},
			&pulumirpc.PackageDependency{Kind: "resource", Name: "terraform-provider", Version: "v0.8.0",
				Parameterization: &pulumirpc.PackageParameterization{Name: "x", Version: "1.0.0", Value: []byte("v")}}},
		{"name and version from the module", k8s, &plugin.PulumiPluginJSON{Resource: true},
			&pulumirpc.PackageDependency{Kind: "resource", Name: "kubernetes", Version: "v4.25.0"}},
		{"version from the module", goModule{Path: "example.com/k", Version: "v4.25.0"},
			&plugin.PulumiPluginJSON{Resource: true, Name: "kubernetes"},
			&pulumirpc.PackageDependency{Kind: "resource", Name: "kubernetes", Version: "v4.25.0"}},
		{"a pulumi-* module without pulumi-plugin.json", goModule{Path: "github.com/pulumi/pulumi-cloud-sdk/go",
			Version: "v1.20261104.0"}, nil, nil},
		{"no plugin", goModule{Path: "github.com/pulumi/pulumi/sdk/v3", Version: "v3.276.0"},
			&plugin.PulumiPluginJSON{Resource: false}, nil},
		{"not a Pulumi module", goModule{Path: "golang.org/x/mod", Version: "v0.42.0"}, nil, nil},
	} {
		got, err := packageDependency(c.mod, c.json)
		if err != nil || !proto.Equal(got, c.want) {
			t.Errorf("%s: packageDependency = %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	for name, m := range map[string]goModule{
		"a commit before any release": {Path: "example.com/x", Version: "v0.0.0-20200403140640-efb5e2a48a86"},
		"no name anywhere":            {Path: "example.com/pulumi-x/sdk", Version: "v1.0.0"},
	} {
		if got, err := packageDependency(m, &plugin.PulumiPluginJSON{Resource: true}); err == nil {
			t.Errorf("%s: packageDependency = %v, want an error", name, got)
		}
	}
}

// A program whose go.mod requires, through local replaces (so that the go command needs no
// download), a generated SDK, a pulumi-* module without pulumi-plugin.json (no plugin), a plain
// library, and a module whose plugin file is in go/<name>/, as pulumi-kubernetes' SDK has it.
var programWithModules = map[string]string{
	"go.mod": `module prog

go 1.22

require (
	example.com/lib v1.0.0
	example.com/pulumi-kubesecret/sdk/go v0.0.0-00010101000000-000000000000
	github.com/pulumi/pulumi-random/sdk/v4 v4.16.1 // indirect
	example.com/legacy/sdk/v4 v4.2.0
)

replace example.com/pulumi-kubesecret/sdk/go => ./sdks/kubesecret

replace (
	example.com/lib => ./lib
	github.com/pulumi/pulumi-random/sdk/v4 v4.16.1 => ./random
	example.com/legacy/sdk/v4 => ./legacy
)
`,
	"lib/go.mod":                          "module example.com/lib\n",
	"random/go.mod":                       "module github.com/pulumi/pulumi-random/sdk/v4\n",
	"legacy/go.mod":                       "module example.com/legacy/sdk/v4\n",
	"legacy/go/legacy/pulumi-plugin.json": `{"resource": true, "name": "legacy"}`,
}

func TestGetRequiredPackages(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, programWithModules)
	writeFiles(t, dir, sdkFiles)
	resp, err := newTestHost().GetRequiredPackages(context.Background(),
		&pulumirpc.GetRequiredPackagesRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: dir}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range resp.GetPackages() {
		got = append(got, p.GetKind()+" "+p.GetName()+" "+p.GetVersion())
	}
	slices.Sort(got)
	want := []string{"resource kubesecret v0.1.0", "resource legacy v4.2.0"}
	if !slices.Equal(got, want) {
		t.Fatalf("GetRequiredPackages = %q, want %q", got, want)
	}

	// Outside a module there is nothing to report, and no error.
	resp, err = newTestHost().GetRequiredPackages(context.Background(),
		&pulumirpc.GetRequiredPackagesRequest{Info: &pulumirpc.ProgramInfo{ProgramDirectory: t.TempDir()}})
	if err != nil || len(resp.GetPackages()) != 0 {
		t.Fatalf("GetRequiredPackages outside a module = %v, %v; want nothing", resp, err)
	}
}

func TestListPackages(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, programWithModules)
	names := func(transitive bool) []string {
		deps, err := newTestHost().ListPackages(context.Background(), &pulumirpc.ProgramInfo{ProgramDirectory: dir}, transitive)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range deps {
			out = append(out, d.Name+"@"+d.Version)
		}
		return out
	}
	// Replaced modules have no version: their source is the local directory.
	direct := []string{"example.com/lib@", "example.com/pulumi-kubesecret/sdk/go@", "example.com/legacy/sdk/v4@"}
	if got := names(false); !slices.Equal(got, direct) {
		t.Errorf("direct dependencies = %q, want %q", got, direct)
	}
	all := []string{direct[0], direct[1], "github.com/pulumi/pulumi-random/sdk/v4@", direct[2]}
	if got := names(true); !slices.Equal(got, all) {
		t.Errorf("all dependencies = %q, want %q", got, all)
	}
	if _, err := newTestHost().ListPackages(context.Background(),
		&pulumirpc.ProgramInfo{ProgramDirectory: t.TempDir()}, false); err == nil {
		t.Error("ListPackages outside a module succeeded, want an error")
	}
}
