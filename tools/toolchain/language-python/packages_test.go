package main

import (
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/proto"
	"kubesecret.local/toolchain/langhost/langhosttest"
)

func TestPluginVersion(t *testing.T) {
	langhosttest.Conversions(t, "pluginVersion", pluginVersion, map[string]string{
		"1":                "1.0.0",
		"1.2":              "1.2.0",
		"4.25.0":           "4.25.0",
		"1.2.3a4":          "1.2.3-alpha.4",
		"1.2.3b4":          "1.2.3-beta.4",
		"1.2.3rc4":         "1.2.3-rc.4",
		"1.2.3.post4":      "1.2.3+post4",
		"1.2.3.dev5":       "1.2.3+dev5",
		"1.2.3.post4.dev5": "1.2.3+post4dev5",
		"1.2.3a1.dev5":     "1.2.3-alpha.1+dev5",
	}, []string{"", "1!2.0", "1.2.3.4", "1.2.3+local", "v1.2.3", "1.2.3a", "x"})
}

func TestPackageDependency(t *testing.T) {
	pluginJSON := func(s string) *plugin.PulumiPluginJSON {
		var p plugin.PulumiPluginJSON
		if err := json.Unmarshal([]byte(s), &p); err != nil {
			t.Fatal(err)
		}
		return &p
	}
	cases := []struct {
		name string
		pkg  installedPackage
		json *plugin.PulumiPluginJSON
		want *pulumirpc.PackageDependency
	}{
		{"generated SDK of a component package", installedPackage{Name: "pulumi-kubesecret", Version: "0.1.0"},
			pluginJSON(`{"resource": true, "name": "kubesecret", "version": "0.1.0"}`),
			&pulumirpc.PackageDependency{Name: "kubesecret", Kind: "resource", Version: "v0.1.0"}},
		{"provider SDK with a server", installedPackage{Name: "pulumi-kubernetes", Version: "4.25.0"},
			pluginJSON(`{"resource": true, "name": "kubernetes", "version": "4.25.0", "server": "https://x"}`),
			&pulumirpc.PackageDependency{Name: "kubernetes", Kind: "resource", Version: "v4.25.0", Server: "https://x"}},
		{"version from the package", installedPackage{Name: "pulumi-random", Version: "4.16.0rc1"},
			pluginJSON(`{"resource": true}`),
			&pulumirpc.PackageDependency{Name: "random", Kind: "resource", Version: "v4.16.0-rc.1"}},
		{"old SDK without pulumi-plugin.json", installedPackage{Name: "pulumi-aws", Version: "6.0"}, nil,
			&pulumirpc.PackageDependency{Name: "aws", Kind: "resource", Version: "v6.0.0"}},
		{"no plugin", installedPackage{Name: "pulumi-foo", Version: "1.0.0"}, pluginJSON(`{"resource": false}`), nil},
		{"parameterized", installedPackage{Name: "pulumi-tf", Version: "0.1.0"},
			pluginJSON(`{"resource": true, "name": "terraform-provider", "version": "0.10.0",
				"parameterization": {"name": "tf", "version": "0.1.0", "value": "eyJ4IjoxfQ=="}}`),
			&pulumirpc.PackageDependency{Name: "terraform-provider", Kind: "resource", Version: "v0.10.0",
				Parameterization: &pulumirpc.PackageParameterization{Name: "tf", Version: "0.1.0", Value: []byte(`{"x":1}`)}}},
	}
	for _, c := range cases {
		got, err := packageDependency(c.pkg, c.json)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		} else if !proto.Equal(got, c.want) {
			t.Errorf("%s: packageDependency = %v, want %v", c.name, got, c.want)
		}
	}
	if _, err := packageDependency(installedPackage{Name: "pulumi-x", Version: "1.0.0+local"}, nil); err == nil {
		t.Error("an unmappable version must be an error")
	}
}

// The embedded scripts must at least parse and, for plugins.py, print a JSON list in any Python.
func TestPythonScripts(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	out, err := exec.Command(python, "-c", listPluginsScript).Output()
	if err != nil {
		t.Fatalf("plugins.py: %v", err)
	}
	var installed []installedPackage
	if err := json.Unmarshal(out, &installed); err != nil {
		t.Fatalf("plugins.py printed %q: %v", out, err)
	}
	if err := exec.Command(python, "-c", "import ast, sys; ast.parse(sys.argv[1])", execScript).Run(); err != nil {
		t.Fatalf("exec.py does not parse: %v", err)
	}
}
