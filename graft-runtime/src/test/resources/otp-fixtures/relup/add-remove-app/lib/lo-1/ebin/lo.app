{application,lo,
             [{description,"A Graft relup fixture"},
              {vsn,"1"},
              {modules,['lo.Lo']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
