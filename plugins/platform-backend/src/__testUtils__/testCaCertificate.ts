/*
 * Copyright 2026 The Platform Portal Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/** A CA certificate (valid for a century) for tests that only parse caData. */
export const TEST_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBizCCATGgAwIBAgIUC84HNeK58iRdZrpgYV5h41W6qxAwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPdGVzdC1jbHVzdGVyLWNhMCAXDTI2MTIwNzA2NDYyMloYDzIx
MjYxMTEzMDY0NjIyWjAaMRgwFgYDVQQDDA90ZXN0LWNsdXN0ZXItY2EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAQcyrnj9OCzJDSlrUMIcobkwX31+QG5rYJH/zOX
oKYVBlD+GMOBi7uo7cTqxkmDTHe2V11SZXABm8/ovl6O4nUUo1MwUTAdBgNVHQ4E
FgQUxEsU3jOITgWPx4ftbwq2e0ANFV0wHwYDVR0jBBgwFoAUxEsU3jOITgWPx4ft
bwq2e0ANFV0wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiBG/6aa
VKQofb44BD4VsuI14XpUm/JHmo1FLckTpYyJhAIhANwrT1fKkDgDrxo5pnVHMl4N
3+cKEPWd0RHd18Z/j5e1
-----END CERTIFICATE-----
`;
