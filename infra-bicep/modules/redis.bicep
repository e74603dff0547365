// Azure Cache for Redis for Orleans clustering, grain storage and reminders (durable mode). TLS only, no public
// network access: silos reach it through a private endpoint. Enclave grain state is sealed before it gets here.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Name of the cache (decided by the caller, so modules that read its keys know it at compile time).')
param name string

@description('SKU: Standard C1 for a devnet, Premium P1 or larger in production.')
param sku object

@description('Subnet for the private endpoint.')
param endpointSubnetId string

@description('Virtual network for the private DNS zone link.')
param vnetId string

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: sku
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    redisVersion: '6'
  }
}

module endpoint 'privateEndpoint.bicep' = {
  name: '${namePrefix}-redis-pe'
  params: {
    location: location
    name: '${namePrefix}-redis-pe'
    tags: tags
    serviceId: redis.id
    groupId: 'redisCache'
    dnsZoneName: 'privatelink.redis.cache.windows.net'
    subnetId: endpointSubnetId
    vnetId: vnetId
  }
}

output redisHostName string = redis.properties.hostName
output redisSslPort int = redis.properties.sslPort
