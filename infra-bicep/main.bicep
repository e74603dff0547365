// One Obscuro L2 node (one Orleans cluster, one operator) on Azure: network, identities, host silos (Trusted Launch
// scale set), enclave silos (confidential VMs), Azure Cache for Redis, seed custody (Managed HSM or Key Vault
// Premium) and an attestation provider. Deploy into an empty resource group; see README.md for the steps around it.
targetScope = 'resourceGroup'

@description('Azure region (must offer the chosen confidential VM size).')
param location string = resourceGroup().location

@description('Prefix of every resource name (3-12 lower-case letters, digits, dashes).')
@minLength(3)
@maxLength(12)
param namePrefix string

@description('The L2 node id; also the Orleans cluster id.')
param nodeId string

@description('TEE of the enclave silos.')
@allowed(['sev-snp', 'tdx'])
param tee string = 'sev-snp'

@description('Number of host silos.')
@minValue(1)
param hostSiloCount int

@description('Host silo VM size.')
param hostVmSize string

@description('Number of enclave silos.')
@minValue(1)
param enclaveSiloCount int

@description('Enclave silo VM size; empty picks a small size for the TEE (DC2as_v5 for SEV-SNP, DC2es_v5 for TDX).')
param enclaveVmSize string = ''

@description('Availability zones for the enclave silos (empty: regional).')
param zones array = []

@description('VM admin user name.')
param adminUsername string

@description('SSH public key of the VM admin user.')
param adminSshPublicKey string

@description('HTTPS URI of the self-contained linux-x64 silo tarball (dotnet publish -r linux-x64 --self-contained).')
param siloPackageUri string

@description('SHA-256 (hex) of the silo tarball; cloud-init refuses a tarball that does not match.')
@minLength(64)
@maxLength(64)
param siloPackageSha256 string

@description('Seed custody store: a Managed HSM (recommended) or a Key Vault Premium.')
@allowed(['managedHsm', 'keyVault'])
param custodyStore string = 'managedHsm'

@description('Object ids of the Managed HSM administrators (required for managedHsm).')
param hsmAdminObjectIds array = []

@description('How enclave silos obtain the sealing key: Unwrap (identity-bound) or Release (attestation-bound).')
@allowed(['Unwrap', 'Release'])
param custodyMode string = 'Unwrap'

@description('Name of the seed custody key, created by scripts/post-deploy.sh.')
param custodyKeyName string = 'obscuro-seed-kek'

@description('Keep the custody store\'s public endpoint open so the post-deploy script can reach it from outside.')
param custodyPublicAccess bool = true

@description('Redis SKU.')
param redisSku object

@description('CIDR allowed to reach the client gateway and gossip ports (* for the internet).')
param clientSourcePrefix string = '*'

@description('Orleans silo-to-silo port.')
param siloPort int = 11111

@description('Orleans client gateway port on host silos.')
param gatewayPort int = 30000

@description('Gossip HTTP port on host silos.')
param gossipPort int = 8080

@description('Tags for every resource.')
param tags object = {}

var allTags = union(tags, { 'obscuro-node': nodeId })
var redisName = '${namePrefix}-redis'
var defaultEnclaveSize = tee == 'sev-snp' ? 'Standard_DC2as_v5' : 'Standard_DC2es_v5'

module identities 'modules/identities.bicep' = {
  name: '${namePrefix}-identities'
  params: { location: location, namePrefix: namePrefix, tags: allTags }
}

module network 'modules/network.bicep' = {
  name: '${namePrefix}-network'
  params: {
    location: location
    namePrefix: namePrefix
    tags: allTags
    siloPort: siloPort
    gatewayPort: gatewayPort
    gossipPort: gossipPort
    clientSourcePrefix: clientSourcePrefix
  }
}

module redis 'modules/redis.bicep' = {
  name: '${namePrefix}-redis'
  params: {
    location: location
    namePrefix: namePrefix
    name: redisName
    tags: allTags
    sku: redisSku
    endpointSubnetId: network.outputs.endpointSubnetId
    vnetId: network.outputs.vnetId
  }
}

module attestation 'modules/attestation.bicep' = {
  name: '${namePrefix}-attestation'
  params: { location: location, namePrefix: namePrefix, tags: allTags }
}

module hsm 'modules/managedHsm.bicep' = if (custodyStore == 'managedHsm') {
  name: '${namePrefix}-hsm'
  params: {
    location: location
    namePrefix: namePrefix
    tags: allTags
    adminObjectIds: hsmAdminObjectIds
    endpointSubnetId: network.outputs.endpointSubnetId
    vnetId: network.outputs.vnetId
    publicNetworkAccess: custodyPublicAccess
  }
}

module vault 'modules/keyVault.bicep' = if (custodyStore == 'keyVault') {
  name: '${namePrefix}-kv'
  params: {
    location: location
    namePrefix: namePrefix
    tags: allTags
    enclavePrincipalId: identities.outputs.enclavePrincipalId
    endpointSubnetId: network.outputs.endpointSubnetId
    vnetId: network.outputs.vnetId
    publicNetworkAccess: custodyPublicAccess
  }
}

var custodyUri = custodyStore == 'managedHsm' ? hsm.?outputs.hsmUri ?? '' : vault.?outputs.vaultUri ?? ''

// The init modules read the cache's keys by name, so they wait for it explicitly.
module hostInit 'modules/siloCloudInit.bicep' = {
  name: '${namePrefix}-host-init'
  dependsOn: [redis]
  params: {
    nodeId: nodeId
    role: 'host'
    tee: 'none'
    redisName: redisName
    siloPort: siloPort
    gatewayPort: gatewayPort
    attestationEndpoint: attestation.outputs.attestUri
    keyVaultUri: custodyUri
    keyName: custodyKeyName
    custodyMode: custodyMode
    clientId: identities.outputs.hostClientId
    packageUri: siloPackageUri
    packageSha256: siloPackageSha256
  }
}

module enclaveInit 'modules/siloCloudInit.bicep' = {
  name: '${namePrefix}-enclave-init'
  dependsOn: [redis]
  params: {
    nodeId: nodeId
    role: 'enclave'
    tee: tee
    redisName: redisName
    siloPort: siloPort
    gatewayPort: 0
    attestationEndpoint: attestation.outputs.attestUri
    keyVaultUri: custodyUri
    keyName: custodyKeyName
    custodyMode: custodyMode
    clientId: identities.outputs.enclaveClientId
    packageUri: siloPackageUri
    packageSha256: siloPackageSha256
  }
}

module hostSilos 'modules/hostSilos.bicep' = {
  name: '${namePrefix}-hosts'
  params: {
    location: location
    namePrefix: namePrefix
    tags: allTags
    instanceCount: hostSiloCount
    vmSize: hostVmSize
    adminUsername: adminUsername
    adminSshPublicKey: adminSshPublicKey
    subnetId: network.outputs.hostSubnetId
    backendPoolId: network.outputs.hostBackendPoolId
    identityId: identities.outputs.hostIdentityId
    customData: hostInit.outputs.customData
  }
}

module enclaveSilos 'modules/enclaveSilos.bicep' = {
  name: '${namePrefix}-enclaves'
  params: {
    location: location
    namePrefix: namePrefix
    tags: allTags
    instanceCount: enclaveSiloCount
    tee: tee
    vmSize: empty(enclaveVmSize) ? defaultEnclaveSize : enclaveVmSize
    adminUsername: adminUsername
    adminSshPublicKey: adminSshPublicKey
    subnetId: network.outputs.enclaveSubnetId
    identityId: identities.outputs.enclaveIdentityId
    customData: enclaveInit.outputs.customData
    zones: zones
  }
}

@description('The attestation provider: the issuer validators pin; keccak256 of it is the L1 authority id.')
output attestationEndpoint string = attestation.outputs.attestUri

@description('The seed custody store (Managed HSM or Key Vault URI).')
output custodyUri string = custodyUri

@description('Managed HSM name (empty with keyVault), for scripts/post-deploy.sh.')
output hsmName string = hsm.?outputs.hsmName ?? ''

@description('Key Vault name (empty with managedHsm), for scripts/post-deploy.sh.')
output vaultName string = vault.?outputs.vaultName ?? ''

@description('Principal id of the enclave identity, granted the custody key by scripts/post-deploy.sh.')
output enclavePrincipalId string = identities.outputs.enclavePrincipalId

@description('Public address of the client gateway and gossip endpoint.')
output gatewayPublicIp string = network.outputs.gatewayPublicIp

@description('Enclave VM names.')
output enclaveVmNames array = enclaveSilos.outputs.vmNames
