export { getOrganisationListing } from './get-organisation-listing'
export { getServiceListing } from './get-service-listing'
export { findMyListings } from './find-my-listings'
export { createServiceListing } from './create-service-listing'
export { updateServiceListing } from './update-service-listing'
export { updateOrganisationListing } from './update-organisation-listing'
export { updateLocation } from './update-location'
export { verifyListing } from './verify-listing'
export { findListingChanges, type ListingChangeRecord } from './find-listing-changes'
export { canEditListing } from './access'
export type {
  AccreditationListing,
  ListingContact,
  ListingPhone,
  LocationListing,
  OrganisationListing,
  ServiceListing,
} from './listing-view'
