package langhost

import (
	"encoding/json"
	"fmt"
)

// ConfigEnvironment passes a stack's configuration the way the Node.js and Python SDKs read it:
// PULUMI_CONFIG, a JSON object of the configuration (keys as the host chose to send them), and
// PULUMI_CONFIG_SECRET_KEYS, a JSON array of the keys whose values are secret. Both are always
// set, as `{}` and `[]` when empty.
func ConfigEnvironment(config map[string]string, secretKeys []string) ([]string, error) {
	if config == nil {
		config = map[string]string{}
	}
	cfgJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration: %w", err)
	}
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretsJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to serialize configuration secret keys: %w", err)
	}
	return []string{"PULUMI_CONFIG=" + string(cfgJSON), "PULUMI_CONFIG_SECRET_KEYS=" + string(secretsJSON)}, nil
}
