<#-- The confirmation of a reader's new address, plain-text part. Same model as address.html.ftlh. -->
${site.name?upper_case}

Someone, we hope you, asked to move the ${site.name} subscription of
${oldEmail} to this address, ${email}.

Confirm to receive it here from now on:

${link}

The link works for ${hours} hours. Until you confirm, mail keeps going to
${oldEmail}. If you did not ask, ignore this email: nothing will change.
