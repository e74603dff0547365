// Virtual network with three subnets and their NSGs, a NAT gateway for outbound traffic (packages, Azure APIs) and a
// public Standard load balancer in front of the host silos (client gateway and gossip only).
// Enclave silos have no public address and accept traffic only from the virtual network on the silo port.

@description('Azure region.')
param location string

@description('Prefix of every resource name.')
param namePrefix string

@description('Tags for every resource.')
param tags object

@description('Address space of the virtual network.')
param addressPrefix string = '10.40.0.0/16'

@description('Orleans silo-to-silo port.')
param siloPort int

@description('Orleans client gateway port (host silos).')
param gatewayPort int

@description('Gossip HTTP port between aggregators (host silos).')
param gossipPort int

@description('CIDR allowed to reach the client gateway and gossip ports; * for the internet.')
param clientSourcePrefix string

var hostSubnetPrefix = cidrSubnet(addressPrefix, 24, 1)
var enclaveSubnetPrefix = cidrSubnet(addressPrefix, 24, 2)
var endpointSubnetPrefix = cidrSubnet(addressPrefix, 24, 3)

resource natIp 'Microsoft.Network/publicIPAddresses@2025-05-01' = {
  name: '${namePrefix}-nat-ip'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

resource nat 'Microsoft.Network/natGateways@2025-05-01' = {
  name: '${namePrefix}-nat'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    publicIpAddresses: [{ id: natIp.id }]
    idleTimeoutInMinutes: 10
  }
}

resource hostNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: '${namePrefix}-host-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-client-gateway'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: clientSourcePrefix
          sourcePortRange: '*'
          destinationAddressPrefix: hostSubnetPrefix
          destinationPortRanges: [string(gatewayPort), string(gossipPort)]
        }
      }
      {
        name: 'allow-silos-in-vnet'
        properties: {
          priority: 110
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: hostSubnetPrefix
          destinationPortRange: string(siloPort)
        }
      }
      {
        name: 'allow-load-balancer-probe'
        properties: {
          priority: 120
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'AzureLoadBalancer'
          sourcePortRange: '*'
          destinationAddressPrefix: hostSubnetPrefix
          destinationPortRanges: [string(gatewayPort), string(gossipPort)]
        }
      }
      {
        name: 'deny-everything-else'
        properties: {
          priority: 4096
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource enclaveNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: '${namePrefix}-enclave-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-silos-in-vnet'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefixes: [hostSubnetPrefix, enclaveSubnetPrefix]
          sourcePortRange: '*'
          destinationAddressPrefix: enclaveSubnetPrefix
          destinationPortRange: string(siloPort)
        }
      }
      {
        name: 'deny-everything-else'
        properties: {
          priority: 4096
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource endpointNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: '${namePrefix}-endpoint-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'allow-silos-to-private-endpoints'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefixes: [hostSubnetPrefix, enclaveSubnetPrefix]
          sourcePortRange: '*'
          destinationAddressPrefix: endpointSubnetPrefix
          destinationPortRanges: ['443', '6380']
        }
      }
      {
        name: 'deny-everything-else'
        properties: {
          priority: 4096
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: '${namePrefix}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'hosts'
        properties: {
          addressPrefix: hostSubnetPrefix
          networkSecurityGroup: { id: hostNsg.id }
          natGateway: { id: nat.id }
          defaultOutboundAccess: false
        }
      }
      {
        name: 'enclaves'
        properties: {
          addressPrefix: enclaveSubnetPrefix
          networkSecurityGroup: { id: enclaveNsg.id }
          natGateway: { id: nat.id }
          defaultOutboundAccess: false
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: endpointSubnetPrefix
          networkSecurityGroup: { id: endpointNsg.id }
          privateEndpointNetworkPolicies: 'Enabled'
          defaultOutboundAccess: false
        }
      }
    ]
  }
}

resource lbIp 'Microsoft.Network/publicIPAddresses@2025-05-01' = {
  name: '${namePrefix}-gateway-ip'
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

var lbName = '${namePrefix}-gateway-lb'

resource loadBalancer 'Microsoft.Network/loadBalancers@2025-05-01' = {
  name: lbName
  location: location
  tags: tags
  sku: { name: 'Standard' }
  properties: {
    frontendIPConfigurations: [{ name: 'public', properties: { publicIPAddress: { id: lbIp.id } } }]
    backendAddressPools: [{ name: 'host-silos' }]
    probes: [
      { name: 'gateway', properties: { protocol: 'Tcp', port: gatewayPort, intervalInSeconds: 5, numberOfProbes: 2 } }
      { name: 'gossip', properties: { protocol: 'Tcp', port: gossipPort, intervalInSeconds: 5, numberOfProbes: 2 } }
    ]
    loadBalancingRules: [
      {
        name: 'gateway'
        properties: {
          frontendIPConfiguration: { id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', lbName, 'public') }
          backendAddressPool: { id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', lbName, 'host-silos') }
          probe: { id: resourceId('Microsoft.Network/loadBalancers/probes', lbName, 'gateway') }
          protocol: 'Tcp'
          frontendPort: gatewayPort
          backendPort: gatewayPort
          idleTimeoutInMinutes: 30
          disableOutboundSnat: true
        }
      }
      {
        name: 'gossip'
        properties: {
          frontendIPConfiguration: { id: resourceId('Microsoft.Network/loadBalancers/frontendIPConfigurations', lbName, 'public') }
          backendAddressPool: { id: resourceId('Microsoft.Network/loadBalancers/backendAddressPools', lbName, 'host-silos') }
          probe: { id: resourceId('Microsoft.Network/loadBalancers/probes', lbName, 'gossip') }
          protocol: 'Tcp'
          frontendPort: gossipPort
          backendPort: gossipPort
          disableOutboundSnat: true
        }
      }
    ]
  }
}

output vnetId string = vnet.id
output hostSubnetId string = vnet.properties.subnets[0].id
output enclaveSubnetId string = vnet.properties.subnets[1].id
output endpointSubnetId string = vnet.properties.subnets[2].id
output hostBackendPoolId string = loadBalancer.properties.backendAddressPools[0].id
output gatewayPublicIp string = lbIp.properties.ipAddress
