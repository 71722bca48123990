{{- define "nextmcp.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 40 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "nextmcp.labels" -}}
app.kubernetes.io/name: nextmcp
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "nextmcp.selector" -}}
app.kubernetes.io/name: nextmcp
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "nextmcp.image" -}}
{{ .Values.image.repository }}:{{ default .Chart.AppVersion .Values.image.tag }}
{{- end -}}

{{- define "nextmcp.secretName" -}}
{{- default (printf "%s-keys" (include "nextmcp.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "nextmcp.databaseSecretName" -}}
{{- default (include "nextmcp.secretName" .) .Values.database.existingSecret -}}
{{- end -}}

{{- define "nextmcp.databaseUrl" -}}
{{- if .Values.postgresql.enabled -}}
jdbc:postgresql://{{ include "nextmcp.fullname" . }}-postgresql:5432/nextmcp
{{- else -}}
{{- required "database.url is required (an external PostgreSQL 15+, e.g. jdbc:postgresql://host:5432/nextmcp), or set postgresql.enabled=true for a trial" .Values.database.url -}}
{{- end -}}
{{- end -}}

{{/* The restricted Pod Security Standard, for every container of the chart. */}}
{{- define "nextmcp.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "nextmcp.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}
