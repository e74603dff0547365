// A production-sized node: three host silos, three SEV-SNP enclave silos over three zones, Premium Redis, Managed
// HSM, custody public endpoint closed after post-deploy (run it from inside the network, or redeploy with
// custodyPublicAccess=false once the key exists).
using '../main.bicep'

param namePrefix = 'obsprod'
param nodeId = 'mainnet-node-0'
param tee = 'sev-snp'
param hostSiloCount = 3
param hostVmSize = 'Standard_D4as_v5'
param enclaveSiloCount = 3
param enclaveVmSize = 'Standard_DC8as_v5'
param zones = [1, 2, 3]
param adminUsername = 'obscuroadmin'
param adminSshPublicKey = readEnvironmentVariable('OBSCURO_SSH_PUBLIC_KEY', '')
param siloPackageUri = readEnvironmentVariable('OBSCURO_SILO_PACKAGE_URI', '')
param siloPackageSha256 = readEnvironmentVariable('OBSCURO_SILO_PACKAGE_SHA256', '0000000000000000000000000000000000000000000000000000000000000000')
param custodyStore = 'managedHsm'
param hsmAdminObjectIds = split(readEnvironmentVariable('OBSCURO_HSM_ADMIN_OBJECT_IDS', ''), ',')
param custodyMode = 'Unwrap'
param custodyPublicAccess = false
param redisSku = { name: 'Premium', family: 'P', capacity: 1 }
param clientSourcePrefix = '*'
param tags = { environment: 'production' }
