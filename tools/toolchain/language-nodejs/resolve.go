package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Entry points inside @pulumi/pulumi that the host hands to node.
const (
	runModule       = "@pulumi/pulumi/cmd/run"        // runs a program
	runPluginModule = "@pulumi/pulumi/cmd/run-plugin" // runs a source-based plugin
)

// resolveModule returns the file that `require.resolve(mod)` would load from a script in dir,
// following Node's CommonJS algorithm for package subpaths: each ancestor's node_modules from dir
// upward, then the NODE_PATH entries; a candidate is a file (as is, or with .js/.json/.node), or a
// directory with a package.json "main" or an index.js. Package "exports" maps are not consulted:
// @pulumi/pulumi has none. Doing this in Go saves starting node just to ask it.
func resolveModule(dir, mod, nodePath string) (string, error) {
	if filepath.IsAbs(mod) { // PULUMI_LANGUAGE_NODEJS_RUN_PATH may name a file
		if file, ok := loadAsFileOrDirectory(mod); ok {
			return file, nil
		}
		return "", fmt.Errorf("could not find module %s", mod)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var roots []string
	for d := dir; ; d = filepath.Dir(d) {
		// Node never looks in node_modules/node_modules.
		if filepath.Base(d) != "node_modules" {
			roots = append(roots, filepath.Join(d, "node_modules"))
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	roots = append(roots, filepath.SplitList(nodePath)...)

	for _, root := range roots {
		if root == "" {
			continue
		}
		if file, ok := loadAsFileOrDirectory(filepath.Join(root, filepath.FromSlash(mod))); ok {
			return file, nil
		}
	}
	return "", fmt.Errorf("could not find module %q from %s: it looks like the Pulumi SDK has not been "+
		"installed; run `pulumi install` (or npm install) in the project directory", mod, dir)
}

func loadAsFileOrDirectory(path string) (string, bool) {
	for _, ext := range []string{"", ".js", ".json", ".node"} {
		if isFile(path + ext) {
			return path + ext, true
		}
	}
	if b, err := os.ReadFile(filepath.Join(path, "package.json")); err == nil {
		var pkg struct {
			Main string `json:"main"`
		}
		if json.Unmarshal(b, &pkg) == nil && pkg.Main != "" {
			main := filepath.Join(path, filepath.FromSlash(pkg.Main))
			for _, candidate := range []string{main, main + ".js", main + ".json", main + ".node",
				filepath.Join(main, "index.js")} {
				if isFile(candidate) {
					return candidate, true
				}
			}
		}
	}
	if index := filepath.Join(path, "index.js"); isFile(index) {
		return index, true
	}
	return "", false
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
