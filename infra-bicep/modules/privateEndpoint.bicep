// A private endpoint for one service, with its private DNS zone linked to the virtual network, so silos resolve the
// service's public host name to its private address and the service can refuse all public traffic.

@description('Azure region.')
param location string

@description('Name of the private endpoint.')
param name string

@description('Tags for every resource.')
param tags object

@description('Resource id of the service.')
param serviceId string

@description('Private link group id of the service (redisCache, managedhsm, vault).')
param groupId string

@description('Private DNS zone of the service, e.g. privatelink.redis.cache.windows.net.')
param dnsZoneName string

@description('Subnet for the endpoint.')
param subnetId string

@description('Virtual network to link the DNS zone to.')
param vnetId string

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [groupId]
        }
      }
    ]
  }
}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: dnsZoneName
  location: 'global'
  tags: tags
}

resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: zone
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnetId }
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: replace(dnsZoneName, '.', '-'), properties: { privateDnsZoneId: zone.id } }]
  }
}

output endpointId string = endpoint.id
