{application,p,
             [{description,"A Graft relup fixture"},
              {vsn,"2"},
              {modules,['p.P']},
              {registered,[]},
              {applications,[kernel,stdlib,q]}]}.
