// Renders cloud-init/silo.yaml for one silo role. A module of its own so both VM modules fill the template the same
// way; its output is a secure string because it carries the Redis connection string.

@description('L2 node id (also the Orleans cluster id).')
param nodeId string

@description('host or enclave.')
@allowed(['host', 'enclave'])
param role string

@description('Silo metadata tee value: none, sev-snp or tdx.')
@allowed(['none', 'sev-snp', 'tdx'])
param tee string

@description('Name of the Azure Cache for Redis.')
param redisName string

@description('Orleans silo port.')
param siloPort int

@description('Orleans client gateway port (0 on enclave silos: they take no client connections).')
param gatewayPort int

@description('Attestation provider URI.')
param attestationEndpoint string

@description('Managed HSM or Key Vault URI.')
param keyVaultUri string

@description('Seed custody key name.')
param keyName string

@description('Unwrap or Release.')
param custodyMode string

@description('Client id of the silo\'s user-assigned identity.')
param clientId string

@description('HTTPS URI of the self-contained linux-x64 silo tarball.')
param packageUri string

@description('SHA-256 (hex) of that tarball.')
param packageSha256 string

resource redis 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: redisName
}

var redisConnection = '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'

var rendered = reduce(
  items({
    __NODE_ID__: nodeId
    __ROLE__: role
    __TEE__: tee
    __REDIS_CONNECTION__: redisConnection
    __SILO_PORT__: string(siloPort)
    __GATEWAY_PORT__: string(gatewayPort)
    __ATTESTATION_ENDPOINT__: attestationEndpoint
    __KEY_VAULT_URI__: keyVaultUri
    __KEY_NAME__: keyName
    __CUSTODY_MODE__: custodyMode
    __CLIENT_ID__: clientId
    __PACKAGE_URI__: packageUri
    __PACKAGE_SHA256__: packageSha256
  }),
  loadTextContent('../cloud-init/silo.yaml'),
  (text, entry) => replace(text, entry.key, entry.value)
)

@secure()
output customData string = base64(rendered)
