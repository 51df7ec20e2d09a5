package langhost

import (
	"slices"
	"testing"
)

func TestConfigEnvironment(t *testing.T) {
	env, err := ConfigEnvironment(map[string]string{"proj:name": "x", "kubernetes:namespace": "ns"}, []string{"proj:name"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`PULUMI_CONFIG={"kubernetes:namespace":"ns","proj:name":"x"}`,
		`PULUMI_CONFIG_SECRET_KEYS=["proj:name"]`}
	if !slices.Equal(env, want) {
		t.Fatalf("ConfigEnvironment = %q, want %q", env, want)
	}

	env, err = ConfigEnvironment(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"PULUMI_CONFIG={}", "PULUMI_CONFIG_SECRET_KEYS=[]"}; !slices.Equal(env, want) {
		t.Fatalf("ConfigEnvironment = %q, want %q", env, want)
	}
}
