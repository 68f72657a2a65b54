// Compiled (tsc --noEmit --strict) against the types openapi-typescript generated
// from /api/schema/ (./api.d.ts beside it): the parts a client leans on exist and
// have the types the server answers with. Run by scripts/api_clients.sh.
import type { components, paths } from "./api";

type Schemas = components["schemas"];

const store: Pick<Schemas["StoreOutput"], "id" | "name" | "logo"> = {
    id: 1,
    name: "Kiln",
    logo: null,
};
const picture: NonNullable<Schemas["ProductOutput"]["image"]> = {
    thumbnail: "https://example.com/t.png",
    medium: "https://example.com/m.png",
    large: "https://example.com/l.png",
};
const productId: paths["/api/products/{id}/"]["get"]["parameters"]["path"]["id"] = 7;
const expired: paths["/api/products/"]["get"]["responses"][401]["content"]["application/json"] =
    { detail: "Given token not valid for any token type", code: "token_not_valid" };
const invalid: paths["/api/stores/"]["post"]["responses"][400]["content"]["application/json"] =
    { name: ["This field is required."], detail: "Not a store." };
const throttled: paths["/api/cart/"]["get"]["responses"][429]["headers"]["Retry-After"] = 30;
const upload: paths["/api/stores/{id}/logo/"]["post"]["requestBody"]["content"]["multipart/form-data"] =
    { logo: "binary" };
const checkout: Schemas["CheckoutInputRequest"] = { payment_method: "test" };
const status: Schemas["OrderStatusEnum"] = "delivered";
const role: Schemas["UserRoleEnum"] = "vendor";

export const used = [store, picture, productId, expired, invalid, throttled, upload, checkout, status, role];
