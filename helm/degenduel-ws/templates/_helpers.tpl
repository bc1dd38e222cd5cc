{{/* The verticles, in start order; each has a top-level values block of the same name. */}}
{{- define "dd.roles" -}}
simulator market portfolio contest gateway
{{- end }}

{{/* Roles that verify tokens (WebSocket clients, or service tokens on the ingestion and admin APIs). */}}
{{- define "dd.tokenRoles" -}}
gateway portfolio contest simulator
{{- end }}

{{/* Settings the chart derives itself; setting them in an env map is refused. */}}
{{- define "dd.managedEnv" -}}
DD_CLUSTER_DISCOVERY DD_KUBERNETES_SERVICE_DNS DD_CLUSTER_HOST DD_CLUSTER_PORT DD_CLUSTER_MEMBERS DD_EVENTBUS_HOST DD_EVENTBUS_PUBLIC_HOST DD_EVENTBUS_PORT DD_EVENTBUS_TLS_CERT DD_EVENTBUS_TLS_KEY DD_EVENTBUS_TLS_CA DD_MANAGEMENT_HOST DD_MANAGEMENT_PORT DD_GATEWAY_HOST DD_GATEWAY_PORT DD_DRAIN_WINDOW_MS DD_TLS_TERMINATED_BY_PROXY DD_TLS_CERT DD_TLS_KEY DD_TLS_KEYSTORE DD_TLS_KEYSTORE_PASSWORD DD_JWT_ALGORITHM DD_JWT_SECRET DD_JWT_PUBLIC_KEY DD_JWT_JWKS DD_JWT_ISSUER DD_JWT_AUDIENCE DD_JWT_SERVICE_AUDIENCE DD_MARKET_SOURCE DD_MARKET_SOURCE_URL DD_MARKET_STREAM_URL DD_PORTFOLIO_INGEST_HOST DD_PORTFOLIO_INGEST_PORT DD_CONTEST_INGEST_HOST DD_CONTEST_INGEST_PORT DD_SIM_HTTP_HOST DD_SIM_HTTP_PORT JAVA_OPTS ROLE
{{- end }}

{{- define "dd.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "dd.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of a role's objects: <fullname>-<role>. Call with (dict "root" $ "role" "gateway"). */}}
{{- define "dd.roleName" -}}
{{- printf "%s-%s" (include "dd.fullname" .root | trunc 50 | trimSuffix "-") .role }}
{{- end }}

{{/* Labels every pod of the release carries; the discovery and management services select on them. */}}
{{- define "dd.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dd.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "dd.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "dd.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: degenduel-ws
{{- end }}

{{/* Call with (dict "root" $ "role" "gateway"). */}}
{{- define "dd.roleSelectorLabels" -}}
{{ include "dd.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{- define "dd.roleLabels" -}}
{{ include "dd.labels" .root }}
app.kubernetes.io/component: {{ .role }}
{{- end }}

{{/* Image of a role: its own repository and tag when set, else the chart-wide ones. */}}
{{- define "dd.image" -}}
{{- $values := index .root.Values .role }}
{{- $repository := $values.image.repository | default .root.Values.image.repository }}
{{- $tag := $values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository (toString $tag) }}
{{- end }}

{{- define "dd.hazelcastService" -}}
{{- printf "%s-hazelcast" (include "dd.fullname" .) }}
{{- end }}

{{- define "dd.managementService" -}}
{{- printf "%s-management" (include "dd.fullname" .) }}
{{- end }}

{{- define "dd.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "dd.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "dd.javaOpts" -}}
{{- $opts := list (printf "-XX:MaxRAMPercentage=%v" .Values.jvm.maxRamPercentage) (printf "-XX:InitialRAMPercentage=%v" .Values.jvm.initialRamPercentage) "-XX:+ExitOnOutOfMemoryError" "-Djava.io.tmpdir=/tmp" }}
{{- if .Values.jvm.extraOpts }}
{{- $opts = append $opts .Values.jvm.extraOpts }}
{{- end }}
{{- join " " $opts }}
{{- end }}

{{/* Secret for the ingress's certificate: its own, or the gateway's. */}}
{{- define "dd.ingressTlsSecret" -}}
{{- .Values.gateway.ingress.tlsSecret | default .Values.gateway.tls.existingSecret }}
{{- end }}

{{/*
NetworkPolicy peers from a values list (call with (dict "peers" <list> "own" <list of peers> "what" "<values path>")):
"own" first (peers the chart derives), then each entry's namespace (by name), podLabels, or cidr.
*/}}
{{- define "dd.networkPeers" -}}
{{- $peers := list }}
{{- range .own }}
{{- $peers = append $peers . }}
{{- end }}
{{- range $i, $entry := .peers }}
{{- $peer := dict }}
{{- if $entry.cidr }}
{{- $_ := set $peer "ipBlock" (dict "cidr" $entry.cidr) }}
{{- else if or $entry.namespace $entry.podLabels }}
{{- if $entry.namespace }}
{{- $_ := set $peer "namespaceSelector" (dict "matchLabels" (dict "kubernetes.io/metadata.name" $entry.namespace)) }}
{{- end }}
{{- if $entry.podLabels }}
{{- $_ := set $peer "podSelector" (dict "matchLabels" $entry.podLabels) }}
{{- end }}
{{- else }}
{{- fail (printf "%s[%d] needs a namespace, podLabels or a cidr" $.what $i) }}
{{- end }}
{{- $peers = append $peers $peer }}
{{- end }}
{{- toYaml $peers }}
{{- end }}

{{/* The release's own pods, as a NetworkPolicy peer; with "role", that role's pods only. */}}
{{- define "dd.ownPods" -}}
{{- $labels := include "dd.selectorLabels" .root | fromYaml }}
{{- if .role }}
{{- $_ := set $labels "app.kubernetes.io/component" .role }}
{{- end }}
{{- toYaml (dict "podSelector" (dict "matchLabels" $labels)) }}
{{- end }}
